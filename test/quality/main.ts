/**
 * The quality suite (`npm run quality`): trains the default pipeline, untouched, on real public
 * series and on synthetic series with known structure, and the classification defaults beside a
 * tuned run; prints one table per part of the split (tuning, held-out) and exits non-zero when a
 * target is missed.
 *
 *   npm run quality -- [words…] [--peers] [--forecasts | --classification | --long] [--part tuning|held-out]
 *                      [--splits N]
 *
 * Words keep only the cases whose name contains one of them; --peers adds ETS and ARIMA from
 * statsmodels on the same splits (a Python environment made once and cached); --long runs only
 * the long-forecast section (long-horizon.ts); --splits sets on how many splits of its sequences
 * each classification case trains (DEFAULT_SPLITS, run-classification.ts).
 */
import { rm } from 'node:fs/promises';
import { allCases, caseFolder } from './cases';
import { classificationCases } from './classification-cases';
import { formatClassificationPart } from './classification-report';
import { ensurePeerEnvironment, peerScores } from './peers';
import { formatPart, judge } from './report';
import { formatLongHorizonPart, runLongHorizon } from './long-horizon';
import type { LongHorizonResult } from './long-horizon';
import { runCase } from './run-case';
import type { QualityResult, SuitePart } from './run-case';
import { formatMultiSeries, multiSeriesFailures, runMultiSeries } from './multi-series';
import { DEFAULT_SPLITS, meetsClassificationTarget, runClassificationCase } from './run-classification';
import type { ClassificationResult } from './run-classification';

const PARTS: SuitePart[] = ['tuning', 'held-out'];

interface Options {
  filters: string[];
  peers: boolean;
  forecasts: boolean;
  classification: boolean;
  long: boolean;
  parts: SuitePart[];
  splits: number;
}

function parseArgs(args: string[]): Options {
  const o: Options = {
    filters: [],
    peers: false,
    forecasts: true,
    classification: true,
    long: false,
    parts: PARTS,
    splits: DEFAULT_SPLITS,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--peers') o.peers = true;
    else if (a === '--forecasts') o.classification = false;
    else if (a === '--classification') o.forecasts = false;
    else if (a === '--long') o.long = true;
    else if (a === '--part') {
      const part = args[++i];
      if (part !== 'tuning' && part !== 'held-out') throw new Error(`--part takes tuning or held-out (got ${part}).`);
      o.parts = [part];
    } else if (a === '--splits') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`--splits takes a whole number from 1 to 20.`);
      o.splits = n;
    } else if (a.startsWith('--')) throw new Error(`Unknown option ${a}. See test/quality/README.md.`);
    else o.filters.push(a.toLowerCase());
  }
  return o;
}

const chosen = (o: Options, c: { name: string; part: SuitePart }) =>
  o.parts.includes(c.part) && (o.filters.length === 0 || o.filters.some((f) => c.name.includes(f)));

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  // `npm run quality -- multi` runs only the multi-series section; a full run includes it.
  const onlyMulti = o.filters.length === 1 && o.filters[0] === 'multi';
  const multiFailed = !o.long && (o.filters.length === 0 || onlyMulti) ? await multiSeriesSection() : 0;
  if (onlyMulti) return multiFailed === 0 ? 0 : 1;
  const dir = await caseFolder();
  try {
    if (o.long) {
      await longSection(dir, o);
      return 0;
    }
    const forecasts = o.forecasts ? await runForecasts(dir, o) : [];
    const classification = o.classification ? await runClassification(o) : [];
    const sections = o.parts.flatMap((p) => [formatPart(p, forecasts), formatClassificationPart(p, classification)]);
    console.log(sections.filter((s) => s !== '').join('\n\n'));
    const missed =
      forecasts.filter((r) => !judge(r).pass).length +
      classification.filter((r) => !meetsClassificationTarget(r)).length;
    const total = forecasts.length + classification.length;
    console.log(missed === 0 ? '\nEvery target met.' : `\n${missed} of ${total} cases missed a target.`);
    return missed === 0 && multiFailed === 0 ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runForecasts(dir: string, o: Options): Promise<QualityResult[]> {
  const python = o.peers ? ensurePeerEnvironment((line) => console.error(line)) : null;
  const results: QualityResult[] = [];
  for (const c of (await allCases(dir)).filter((x) => chosen(o, x))) {
    const r = await runCase(c);
    if (python) {
      r.peers = peerScores(python, r);
      r.trainingPeers = peerScores(python, r, r.evaluation.series.validationStart);
    }
    results.push(r);
    const v = judge(r);
    console.error(
      `[${c.part}] ${c.name}: RMSE ${r.model.toPrecision(4)} (naive ${r.naive.toPrecision(4)}), ${r.transform}, ${r.epochs} epochs, ${r.seconds.toFixed(1)} s — ${v.pass ? 'pass' : v.failures.join('; ')}`,
    );
  }
  return results;
}

async function runClassification(o: Options): Promise<ClassificationResult[]> {
  const results: ClassificationResult[] = [];
  for (const c of classificationCases().filter((x) => chosen(o, x))) {
    const r = await runClassificationCase(c, o.splits);
    results.push(r);
    console.error(
      `[${c.part}] ${c.name}: defaults ${r.defaults.accuracy.toFixed(3)} (${r.defaults.epochs} epochs), tuned ${r.tuned.accuracy.toFixed(3)} (${r.tuned.epochs} epochs), mean of ${r.splits.length} splits — ${meetsClassificationTarget(r) ? 'pass' : 'miss'}`,
    );
  }
  return results;
}

/** Long forecasts from cuts near each series' end: a measurement, with no pass or fail yet. */
async function longSection(dir: string, o: Options): Promise<void> {
  const results: LongHorizonResult[] = [];
  for (const c of (await allCases(dir)).filter((x) => chosen(o, x))) {
    const r = await runLongHorizon(c);
    results.push(r);
    console.error(
      `[${c.part}] ${c.name}: ${r.steps} steps, shown ${r.shown.toPrecision(4)}, fed back ${r.fedBack.toPrecision(4)}, flat ${r.flat.toPrecision(4)} (${r.blended} of ${r.cuts} cuts leaning on a reference)`,
    );
  }
  console.log(
    o.parts
      .map((p) => formatLongHorizonPart(p, results))
      .filter((s) => s !== '')
      .join('\n\n'),
  );
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
