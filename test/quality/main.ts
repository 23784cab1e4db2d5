/**
 * The forecast quality suite (`npm run quality`): trains the default pipeline, untouched, on
 * real public series and on synthetic series with known structure, prints a table of the
 * model against naive, seasonal naive and the noise floor, and exits non-zero when a target
 * is missed. Pass series names as arguments to run only those whose name contains one of them.
 */
import { rm } from 'node:fs/promises';
import { allCases, caseFolder } from './cases';
import { formatMultiSeries, multiSeriesFailures, runMultiSeries } from './multi-series';
import { formatTable, judge } from './report';
import { runCase } from './run-case';
import type { QualityResult } from './run-case';

async function main(): Promise<number> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const dir = await caseFolder();
  try {
    return await runAll(dir, filters);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runAll(dir: string, filters: string[]): Promise<number> {
  // `npm run quality -- multi` runs only the multi-series section.
  const onlyMulti = filters.length === 1 && filters[0] === 'multi';
  const multiFailed = filters.length === 0 || onlyMulti ? await multiSeriesSection() : 0;
  if (onlyMulti) return multiFailed === 0 ? 0 : 1;
  const cases = (await allCases(dir)).filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)));
  const results: QualityResult[] = [];
  for (const c of cases) {
    const r = await runCase(c);
    results.push(r);
    const v = judge(r);
    console.error(
      `${c.name}: RMSE ${r.model.toPrecision(4)} (naive ${r.naive.toPrecision(4)}), ${r.transform}, ${r.epochs} epochs, ${r.seconds.toFixed(1)} s — ${v.pass ? 'pass' : v.failures.join('; ')}`,
    );
  }
  console.log(formatTable(results));
  const failed = results.filter((r) => !judge(r).pass);
  console.log(
    failed.length === 0 ? '\nEvery target met.' : `\n${failed.length} of ${results.length} series missed a target.`,
  );
  return failed.length === 0 && multiFailed === 0 ? 0 : 1;
}

/** Global model vs per-series models vs baselines; returns how many sets missed a target. */
async function multiSeriesSection(): Promise<number> {
  const rows = await runMultiSeries();
  console.log('Many series, one model (mean scaled error: each series’ test MAE over its naive MAE):\n');
  console.log(formatMultiSeries(rows));
  let failed = 0;
  for (const row of rows) {
    const f = multiSeriesFailures(row);
    if (f.length > 0) failed++;
    console.log(`${row.name}: ${f.length === 0 ? 'every target met' : f.join('; ')}`);
  }
  console.log('');
  return failed;
}

process.exitCode = await main();
