/** The quality targets and the tables the suite prints, one per part of the split. */
import { bestPeer } from './peers';
import type { PeerScore, PeerScores } from './peers';
import type { QualityResult, SuitePart } from './run-case';

/** Synthetic series must come within this factor of the noise floor. */
export const FLOOR_TOLERANCE = 1.1;
/** Where naive is the best possible forecast, matching it within this factor counts as beating it. */
const OPTIMAL_NAIVE_TOLERANCE = 1.02;
/** Calendar seasons whose series count towards the model-to-peers geometric mean. */
const CALENDAR_SEASONS = new Set([4, 12]);

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

/** Model RMSE ÷ the better of ETS and ARIMA (fitted before the test part, or `which` ones), or null without them. */
export function ratioToPeers(r: QualityResult, which: PeerScores | null = r.peers ?? null): number | null {
  const best = which ? bestPeer(which) : null;
  return best === null || best === 0 ? null : r.model / best;
}

/**
 * Geometric mean of model ÷ best peer over the series with a monthly or quarterly season (the
 * issue's target: at most 1), with how many series it covers; null when none has peers. `which`
 * picks the peers: those fitted before the test part (the default) or on the training part only.
 */
export function seasonalPeerMean(
  results: QualityResult[],
  which: (r: QualityResult) => PeerScores | undefined = (r) => r.peers,
): { mean: number; count: number } | null {
  const ratios = results
    .filter((r) => r.period !== null && CALENDAR_SEASONS.has(r.period))
    .map((r) => ratioToPeers(r, which(r) ?? null))
    .filter((x): x is number => x !== null);
  if (ratios.length === 0) return null;
  return { mean: Math.exp(ratios.reduce((a, x) => a + Math.log(x), 0) / ratios.length), count: ratios.length };
}

/** A Markdown table of the results. */
export function formatTable(results: QualityResult[]): string {
  const withPeers = results.some((r) => r.peers);
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
    ...(withPeers ? ['ETS', 'ARIMA', 'ratio to best peer'] : []),
    'result',
  ];
  const rows = results.map((r) => {
    const v = judge(r);
    const peerRatio = ratioToPeers(r);
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
      ...(withPeers
        ? [
            r.peers?.ets ? `${fmt(r.peers.ets.rmse)} ${r.peers.ets.form}` : '–',
            r.peers?.arima ? `${fmt(r.peers.arima.rmse)} ${r.peers.arima.form}` : '–',
            peerRatio === null ? '–' : peerRatio.toFixed(3),
          ]
        : []),
      v.pass ? 'pass' : `FAIL: ${v.failures.join('; ')}`,
    ];
  });
  return markdownTable(head, rows);
}

/** The table and summary lines of one part of the split. */
export function formatPart(part: SuitePart, results: QualityResult[]): string {
  const mine = results.filter((r) => r.case.part === part);
  if (mine.length === 0) return '';
  const passed = mine.filter((r) => judge(r).pass).length;
  const peers = seasonalPeerMean(mine);
  const lines = [
    `## Forecasts, ${part} part`,
    '',
    formatTable(mine),
    '',
    `${passed} of ${mine.length} series meet every target.`,
  ];
  if (peers) {
    lines.push(
      `Seasonal monthly/quarterly series: geometric mean of model RMSE ÷ best of ETS/ARIMA ${peers.mean.toFixed(3)} over ${peers.count} series (target ≤ 1).`,
    );
  }
  lines.push(...peerComparison(mine));
  return lines.join('\n');
}

/**
 * The peers held to the suite's own targets: how many series each would pass in the model's place,
 * fitted before the test part (as in the table) and on the training part only, the values the
 * defaults choose with; and the seasonal geometric mean against the latter. Empty without peers.
 */
export function peerComparison(results: QualityResult[]): string[] {
  const withBoth = results.filter((r) => r.peers && r.trainingPeers);
  if (withBoth.length === 0) return [];
  const passes = (score: (r: QualityResult) => PeerScore | null | undefined) =>
    withBoth.filter((r) => {
      const s = score(r);
      return s != null && judge({ ...r, model: s.rmse }).pass;
    }).length;
  const defaults = withBoth.filter((r) => judge(r).pass).length;
  const n = withBoth.length;
  const lines = [
    `The same targets met by the peers in the model's place, over ${n} series: the defaults ${defaults}; ` +
      `fitted before the test part, ETS ${passes((r) => r.peers?.ets)} and ARIMA ${passes((r) => r.peers?.arima)}; ` +
      `fitted on the training part only, as the defaults choose, ETS ${passes((r) => r.trainingPeers?.ets)} and ARIMA ${passes((r) => r.trainingPeers?.arima)}.`,
  ];
  const training = seasonalPeerMean(withBoth, (r) => r.trainingPeers);
  if (training) {
    lines.push(
      `Seasonal monthly/quarterly series against the peers fitted on the training part only: geometric mean ${training.mean.toFixed(3)} over ${training.count} series.`,
    );
  }
  return lines;
}

/** A Markdown table from a header and rows of cells. */
export function markdownTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
