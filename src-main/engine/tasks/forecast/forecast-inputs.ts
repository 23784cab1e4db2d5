/**
 * The input columns of a forecast model, in the order of the input's last axis: the target
 * (as its transform sees it), further targets and observed features, then the inputs whose
 * future is known (known-future columns and calendar features). A known-future input is read
 * `horizon` steps ahead, so the last `horizon` steps of every window carry its values at the
 * steps being forecast: the model stays a single input tensor of standard layers, and a
 * one-step model still sees the known value of the step it forecasts.
 */
import type { ScalerState } from '../../../data/prepare/scaler';
import { transformedInput } from '../../../forecast/target-transform';
import type { PreparedSeries } from '../../../data/prepare/series';
import type { TargetTransformPlan } from '../../../forecast/target-transform';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ExperimentSpec } from '../../../shared/spec';
import { CALENDAR_VALUE } from '../../../shared/calendar-inputs';

/** One input column before scaling. */
export interface ForecastInputColumn {
  name: string;
  source: string;
  derived: PreprocessingFile['inputs'][number]['derived'];
  /** Unscaled values on the series' steps (not yet shifted by `lead`). */
  values: ArrayLike<number>;
  kind: ScalerState['kind'];
  /** Window step s holds the value at s + lead: 0 for observed inputs, the horizon for known-future ones. */
  lead: number;
}

/** Every input column of a forecast, in model order. */
export function forecastInputColumns(
  series: PreparedSeries,
  spec: ExperimentSpec,
  plan: TargetTransformPlan,
  /** How a saved model reads its target column (continued training); otherwise from the plan. */
  savedDerived?: PreprocessingFile['inputs'][number]['derived'],
): ForecastInputColumn[] {
  const d = spec.data;
  // The seasonal profile's network sees plain first differences: its baseline already holds the season.
  const derived =
    savedDerived && savedDerived !== 'calendar'
      ? savedDerived
      : plan.kind === 'level'
        ? 'level'
        : plan.kind === 'seasonal-residual'
          ? 'seasonal-difference'
          : 'difference';
  // The data module also lists calendar features as columns; the calendar inputs below compute
  // them from the time stamps instead, which also exist for future steps.
  const calendarNames = new Set(d.calendarFeatures.map((f) => `calendar.${f}`));
  const features = series.features.filter((f) => !(f.knownFuture && calendarNames.has(f.name)));
  const level = (name: string, values: ArrayLike<number>, lead: number): ForecastInputColumn => ({
    name,
    source: name,
    derived: 'level',
    values,
    kind: d.scaling,
    lead,
  });
  return [
    {
      name: derived === 'level' ? series.targetName : `${series.targetName} (${derived})`,
      source: series.targetName,
      derived,
      values: targetInput(series.target, derived, plan),
      kind: d.scaling,
      lead: 0,
    },
    // Further targets are observed up to the origin like any feature; the network forecasts the first.
    ...series.targets.slice(1).map((t) => level(t.name, t.values, 0)),
    ...features.filter((f) => !f.knownFuture).map((f) => level(f.name, f.values, 0)),
    ...features.filter((f) => f.knownFuture).map((f) => level(f.name, f.values, d.horizon)),
    ...calendarColumns(series, d.calendarFeatures, d.horizon),
  ];
}

/**
 * The target's own input column for a derivation: the level, first differences, or differences
 * over the plan's period, as model-use/model-inputs.ts reads it from a saved model.
 */
function targetInput(
  y: Float64Array,
  derived: 'level' | 'difference' | 'seasonal-difference',
  plan: TargetTransformPlan,
): Float64Array {
  const kind = derived === 'level' ? 'level' : derived === 'difference' ? 'difference' : 'seasonal-residual';
  return transformedInput(y, { kind, period: plan.period, reason: '' });
}

/**
 * The column as the windows read it: value at s + lead for step s. The last `lead` steps have
 * no later value in the data and repeat the last one; no training or test window reads them.
 */
export function leadColumn(values: ArrayLike<number>, lead: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) out[s] = values[Math.min(n - 1, s + lead)];
  return out;
}

/**
 * Calendar inputs (shared/calendar-inputs.ts: hour, weekday, month, the year's sine and cosine)
 * from the time column. They are known for any future step, so they enter like known-future columns.
 */
function calendarColumns(
  series: PreparedSeries,
  features: ExperimentSpec['data']['calendarFeatures'],
  lead: number,
): ForecastInputColumn[] {
  const time = series.time;
  if (!time || features.length === 0) return [];
  return features.map((f) => {
    const values = new Float64Array(time.length);
    for (let i = 0; i < time.length; i++) values[i] = CALENDAR_VALUE[f](time[i]);
    return { name: f, source: f, derived: 'calendar' as const, values, kind: 'none' as const, lead };
  });
}
