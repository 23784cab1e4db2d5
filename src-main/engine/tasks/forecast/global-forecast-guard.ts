/**
 * The validation guard of a global model, series by series. One network serves every series, so
 * its output layer cannot be zeroed for one of them; instead a series whose plain forecast (naive,
 * seasonal naive, or exponential smoothing or ARIMA fitted on its training part) beat the network on that
 * series' validation windows gets a plan marked `plain`: its forecasts are exactly that plain
 * forecast, in the app, in preprocessing.json and in every exported bundle. The other series keep
 * the network. The rule is the one-series guard's (forecast-guard.ts), so a model over many series
 * never loses to a plain forecast on a series' validation windows either.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import type { ForecastData } from './forecast-data';
import { forecastPlainInstead, judgeAgainstPlainForecasts, validationFigures } from './forecast-guard';

/** What the guard decided over every series. */
export interface GlobalGuardOutcome {
  /** Series that had validation windows to judge on. */
  judged: number;
  /** The series now forecast by a plain forecast, with its name. */
  replaced: { id: string; forecast: string }[];
  /** The sentence for the verdict, or null when every series keeps the network. */
  note: string | null;
}

/** The plain forecast's kind in a few words, for counting them in the note. */
export function shortName(kind: ForecastData['plan']['kind']): string {
  switch (kind) {
    case 'difference':
      return 'naive';
    case 'seasonal-residual':
      return 'seasonal naive';
    case 'exponential-smoothing':
      return 'exponential smoothing';
    case 'arima':
      return 'ARIMA';
    case 'seasonal-profile':
      return 'seasonal profile';
    case 'level':
      return 'training level';
  }
}

/**
 * Judges the network against each series' plain forecasts on that series' validation windows and
 * makes every series where a plain forecast wins forecast it (`data` entries are changed in place:
 * the run saves its preprocessing from them).
 */
export function applyGlobalGuard(tf: Tf, model: tfTypes.LayersModel, data: ForecastData[]): GlobalGuardOutcome {
  let judged = 0;
  const replaced: GlobalGuardOutcome['replaced'] = [];
  data.forEach((d, i) => {
    const judgement = judgeAgainstPlainForecasts(tf, model, d);
    if (!judgement) return;
    judged++;
    const { winner, modelRmse } = judgement;
    if (!winner) return;
    const figures = validationFigures(modelRmse, winner.rmse);
    forecastPlainInstead(
      d,
      winner.forecast,
      `${winner.forecast.name} forecast this series' validation windows better than the network trained over every series (${figures}), so this series forecasts it.`,
      { plain: true },
    );
    replaced.push({ id: d.series.id ?? String(i + 1), forecast: shortName(winner.forecast.plan.kind) });
  });
  return { judged, replaced, note: replaced.length === 0 ? null : guardNote(judged, replaced) };
}

function guardNote(judged: number, replaced: GlobalGuardOutcome['replaced']): string {
  const counts = new Map<string, number>();
  for (const r of replaced) counts.set(r.forecast, (counts.get(r.forecast) ?? 0) + 1);
  const byKind = [...counts].map(([name, n]) => `${name} on ${n}`).join(', ');
  const shown = replaced.slice(0, 5).map((r) => `'${r.id}'`);
  const list = replaced.length > 5 ? `${shown.join(', ')} and ${replaced.length - 5} more` : shown.join(', ');
  return `Validation guard: on ${replaced.length} of ${judged} series a plain forecast did better on that series' validation windows than the network (${byKind}), so ${replaced.length === 1 ? 'it forecasts' : 'they forecast'} it instead: ${list}. The other series keep the network.`;
}
