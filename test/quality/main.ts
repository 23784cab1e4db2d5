/**
 * The forecast quality suite (`npm run quality`): trains the default pipeline, untouched, on
 * real public series and on synthetic series with known structure, prints a table of the
 * model against naive, seasonal naive and the noise floor, and exits non-zero when a target
 * is missed. Pass series names as arguments to run only those whose name contains one of them.
 */
import { rm } from 'node:fs/promises';
import { allCases, caseFolder } from './cases';
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
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
