/**
 * Rebuilds the model's input windows exactly as training built them, from preprocessing.json:
 * each input is a source column (level), its difference or seasonal difference, or a calendar
 * value, scaled with the scaler fitted at training time. A window for origin t reads steps
 * t − lookback .. t − 1 only.
 */
import type { ScalerJson } from '../shared/preprocessing';
import type { ForecastPreprocessing } from './load-run';
import type { SeriesColumns } from './series-columns';
import { futureTimes } from './series-columns';
import { calendarValue } from '../shared/calendar-inputs';

/** Reads one input's unscaled value at a step. */
type InputReader = (c: SeriesColumns, i: number) => number;

/** Input columns of preprocessing.json the columns cannot provide (named in messages). */
export function missingInputs(pre: ForecastPreprocessing, c: SeriesColumns): string[] {
  return pre.inputs
    .filter((input) =>
      input.derived === 'calendar' ? !c.time || !calendarValue(input.source) : !c.columns.has(input.source),
    )
    .map((input) => input.source);
}

function reader(pre: ForecastPreprocessing, input: ForecastPreprocessing['inputs'][number]): InputReader {
  const source = (c: SeriesColumns): Float64Array => {
    const values = c.columns.get(input.source);
    if (!values) throw new RangeError(`The input column '${input.source}' is missing.`);
    return values;
  };
  switch (input.derived) {
    case 'level':
      return (c, i) => source(c)[i];
    case 'difference':
      // Leading steps without a predecessor are 0, as in training.
      return (c, i) => (i >= 1 ? source(c)[i] - source(c)[i - 1] : 0);
    case 'seasonal-difference': {
      const lag = pre.target.period ?? 1;
      return (c, i) => (i >= lag ? source(c)[i] - source(c)[i - lag] : 0);
    }
    case 'calendar': {
      const get = calendarValue(input.source);
      return (c, i) => (c.time && get ? get(timeAt(c.time, i, pre.frequency)) : 0);
    }
  }
}

/** The time stamp of step i, continuing on the series' frequency past its end. */
function timeAt(time: Float64Array, i: number, frequency: string | null): number {
  if (i < time.length) return time[i];
  return futureTimes(time, frequency, i - time.length + 1)[i - time.length];
}

/**
 * Known-future inputs and calendar features are read `lead` steps ahead, as training did
 * (src-main/engine/tasks/forecast/forecast-inputs.ts). Past the known steps, a known-future column holds its
 * last value (training clamps the same way at the series end); calendar values follow the dates.
 */
function leadReader(read: InputReader, lead: number, calendar: boolean): InputReader {
  if (!lead) return read;
  return (c, i) => read(c, calendar ? i + lead : Math.min(c.target.length - 1, i + lead));
}

function scaled(s: ScalerJson, v: number): number {
  return s.kind === 'none' ? v : (v - s.center) / s.scale;
}

/** Builds windows [origins × lookback × inputs] (row-major float32) from series columns. */
export class WindowBuilder {
  private readonly readers: InputReader[];

  constructor(readonly pre: ForecastPreprocessing) {
    this.readers = pre.inputs.map((input) =>
      leadReader(reader(pre, input), input.lead ?? 0, input.derived === 'calendar'),
    );
  }

  /** Shape of one window, [lookback, inputs]. */
  get shape(): [number, number] {
    return [this.pre.lookback, this.pre.inputs.length];
  }

  /** @throws RangeError when an origin has fewer than `lookback` steps before it. */
  windows(c: SeriesColumns, origins: ArrayLike<number>): Float32Array {
    const [lookback, width] = this.shape;
    const out = new Float32Array(origins.length * lookback * width);
    let o = 0;
    for (let s = 0; s < origins.length; s++) {
      const t = origins[s];
      if (t < lookback || t > c.target.length) {
        throw new RangeError(
          `A window ending before step ${t} needs ${lookback} steps in a series of ${c.target.length}.`,
        );
      }
      for (let i = t - lookback; i < t; i++) {
        for (let f = 0; f < width; f++) out[o++] = scaled(this.pre.inputs[f].scaler, this.readers[f](c, i));
      }
    }
    return out;
  }
}
