/**
 * Chronological train / validation / test split over forecast origins. A sample with origin t
 * uses inputs at steps t-lookback .. t-1 and targets at t .. t+horizon-1. Every sample's
 * targets lie inside one segment (inputs may reach back into earlier, already observed
 * history, which is known at forecast time: no leakage). Origins advance by `stride`.
 *
 * Segment sizes: test = round(length × test) steps and validation = round(length × validation)
 * steps, each at least one horizon long when its share is above 0 (a shorter segment could
 * hold no sample); training is what remains at the start. A share of 0 gives an empty segment.
 */
import { DataError } from '../data-error';

export interface SplitOrigins {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** First step index of the validation and test segments. */
  validationStart: number;
  testStart: number;
}

function origins(from: number, lastInclusive: number, stride: number): Int32Array {
  if (lastInclusive < from) return new Int32Array(0);
  const n = Math.floor((lastInclusive - from) / stride) + 1;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = from + i * stride;
  return out;
}

function steps(n: number): string {
  return `${n} ${n === 1 ? 'step' : 'steps'}`;
}

/** Throws DataError with a specific message when a segment would be empty (series too short). */
export function splitOrigins(
  length: number,
  opts: { lookback: number; horizon: number; stride: number; validation: number; test: number },
): SplitOrigins {
  const { lookback, horizon } = opts;
  const stride = Math.max(1, Math.floor(opts.stride));
  const segment = (share: number) => (share > 0 ? Math.max(Math.round(length * share), horizon) : 0);
  const testSteps = segment(opts.test);
  const validationSteps = segment(opts.validation);
  const testStart = length - testSteps;
  const validationStart = testStart - validationSteps;
  const window = `a window of ${lookback} plus a horizon of ${horizon}`;

  // Training targets must end before validation starts.
  const train = origins(lookback, validationStart - horizon, stride);
  if (train.length === 0) {
    const held = validationSteps + testSteps;
    throw new DataError(
      `The series has ${steps(length)}; ${window} leaves no training samples` +
        (held > 0 ? ` once ${steps(held)} are held out for validation and testing` : '') +
        `. Shorten the window or the horizon, lower the validation and test shares, or use a longer series ` +
        `(at least ${lookback + horizon + held} steps).`,
    );
  }
  const validation = origins(Math.max(validationStart, lookback), testStart - horizon, stride);
  if (opts.validation > 0 && validation.length === 0) {
    throw new DataError(
      `The series has ${steps(length)}; ${window} leaves no validation samples. ` +
        'Raise the validation share, shorten the horizon, or set validation to 0.',
    );
  }
  const test = origins(Math.max(testStart, lookback), length - horizon, stride);
  if (opts.test > 0 && test.length === 0) {
    throw new DataError(
      `The series has ${steps(length)}; ${window} leaves no test samples. ` +
        'Raise the test share, shorten the horizon, or set test to 0.',
    );
  }
  return { train, validation, test, validationStart, testStart };
}
