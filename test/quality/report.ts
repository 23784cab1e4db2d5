/** The quality targets and the table the suite prints. */
import type { QualityResult } from './run-case';

/** Synthetic series must come within this factor of the noise floor. */
export const FLOOR_TOLERANCE = 1.1;
/** Where naive is the best possible forecast, matching it within this factor counts as beating it. */
const OPTIMAL_NAIVE_TOLERANCE = 1.02;

export interface Verdict {
  pass: boolean;
  /** Which targets failed, in words. */
  failures: string[];
}

/**
 * The targets: beat naive everywhere (match it where it is provably optimal), beat seasonal
 * naive wherever a season was found, and on synthetic series come within 10% of the noise floor.
 */
export function judge(r: QualityResult): Verdict {
  const failures: string[] = [];
  if (r.case.naiveIsOptimal) {
    if (r.model > r.naive * OPTIMAL_NAIVE_TOLERANCE) failures.push('worse than the (optimal) naive forecast');
  } else if (!(r.model < r.naive)) failures.push('does not beat naive');
  if (r.seasonalNaive !== null && !(r.model < r.seasonalNaive)) failures.push('does not beat seasonal naive');
  if (r.floor !== null && r.model > r.floor * FLOOR_TOLERANCE) failures.push('more than 10% above the noise floor');
  return { pass: failures.length === 0, failures };
}

/** Ratio of the model's RMSE to the better of the two baselines (below 1 beats both). */
export function ratioToBest(r: QualityResult): number {
  return r.model / Math.min(r.naive, r.seasonalNaive ?? Number.POSITIVE_INFINITY);
}

/** A Markdown table of the results. */
export function formatTable(results: QualityResult[]): string {
  const head = [
    'series',
    'n',
    'period',
    'window',
    'transform',
    'epochs',
    'model RMSE',
    'naive',
    'seasonal naive',
    'noise floor',
    'ratio to best baseline',
    'result',
  ];
  const rows = results.map((r) => {
    const v = judge(r);
    return [
      r.case.name,
      String(r.n),
      r.period === null ? '–' : String(r.period),
      String(r.lookback),
      r.transform,
      String(r.epochs),
      fmt(r.model),
      fmt(r.naive),
      r.seasonalNaive === null ? '–' : fmt(r.seasonalNaive),
      r.floor === null ? '–' : `${fmt(r.floor)} (σ ${r.case.sigma ?? '?'}; model ×${(r.model / r.floor).toFixed(3)})`,
      ratioToBest(r).toFixed(3),
      v.pass ? 'pass' : `FAIL: ${v.failures.join('; ')}`,
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
