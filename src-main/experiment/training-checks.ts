/**
 * The checks before training: does the spec, on this data, leave enough samples in each split
 * to learn from and to judge the result? Refusals name the number needed and what to change;
 * a small test set is a caution, not a refusal (the result still counts, with care).
 */
import { DataError } from '../data/data-error';
import type { Table } from '../data/table';
import { sampleSplitSizes } from '../engine/tasks/common/sample-split';
import type { ExperimentSpec } from '../shared/spec';
import { fieldLabel } from '../shared/spec-fields';
import type { SpecProblem } from '../shared/spec-problems';
import type { SplitWindows } from '../shared/types-checks';
import { knownFutureLeakage } from './known-future-leakage';
import { everySeriesLengths } from './global-windows';
import { countWindows, forecastWindows, seriesLength } from './training-windows';

/** Fewer training samples than this cannot teach a recurrent network anything that generalises. */
export const MIN_TRAINING_SAMPLES = 30;
/** Below this many test samples a verdict rests on too few examples to be more than a rough guide. */
export const MIN_RELIABLE_TEST = 30;

export interface TrainingCheck {
  /** null when the data cannot feed the task at all (the problems say why). */
  windows: SplitWindows | null;
  /** Refusals: training would fail or learn from too little. */
  problems: SpecProblem[];
  /** Sentences to show beside the result, e.g. a small test set. */
  cautions: string[];
}

/** Runs every check of `spec` against its loaded `table`. */
export function checkTraining(table: Table, spec: ExperimentSpec): TrainingCheck {
  let windows: SplitWindows;
  try {
    windows = countWindows(table, spec);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    return { windows: null, problems: [problem('data', err.message)], cautions: [] };
  }
  const problems: SpecProblem[] = [];
  const shortSeries = windows.train < MIN_TRAINING_SAMPLES ? shortSeriesCaution(table, spec, windows) : null;
  if (windows.train < MIN_TRAINING_SAMPLES && !shortSeries) problems.push(tooFewToTrain(table, spec, windows));
  const { validation, test } = spec.data.split;
  const what = samplesWord(windows, 2);
  if (validation > 0 && windows.validation === 0 && problems.length === 0) {
    problems.push(
      problem(
        'data.split.validation',
        `The validation share of ${percent(validation)} holds no ${what}: raise it, shorten the window or horizon, or set it to 0.`,
      ),
    );
  }
  if (test > 0 && windows.test === 0 && problems.length === 0) {
    problems.push(
      problem(
        'data.split.test',
        `The test share of ${percent(test)} holds no ${what}, so the model could not be judged: raise it or shorten the window or horizon.`,
      ),
    );
  }
  const caution = smallTestCaution(windows.test, windows.unit);
  return {
    windows,
    problems,
    cautions: [
      ...(shortSeries ? [shortSeries] : []),
      ...(caution ? [caution] : []),
      ...knownFutureLeakage(table, spec),
    ],
  };
}

/** Fewest training windows a short series may train on when plain forecasts stand behind the network. */
export const MIN_SHORT_SERIES_WINDOWS = 8;

/**
 * A series too short for MIN_TRAINING_SAMPLES windows with any window length still gets a
 * forecast when the target transform is automatic: the network trains on the few windows there
 * are, and the validation guard replaces it by the best of the naive and seasonal naive forecasts
 * and exponential smoothing unless it beats them on the validation windows. So do the short
 * series of a file forecast as a whole, where the guard judges each series on its own windows.
 * Returns the caution that says so, or null when the data must be refused (another task, a
 * transform the user chose, a shorter window that would give enough, or too few windows for even that).
 */
function shortSeriesCaution(table: Table, spec: ExperimentSpec, windows: SplitWindows): string | null {
  if (spec.task !== 'forecast' || spec.data.targetTransform !== 'auto') return null;
  if (windows.train < MIN_SHORT_SERIES_WINDOWS || windows.validation === 0 || windows.test === 0) return null;
  const few = `too few for a network to learn much (${MIN_TRAINING_SAMPLES} make a start)`;
  const plain = 'the naive and seasonal naive forecasts and exponential smoothing';
  if (spec.data.series.scope === 'all') {
    const count = everySeriesLengths(table, spec).length;
    return (
      `Only ${windows.train} training windows over the ${count} series of this file: ${few}. The run trains one network ` +
      `anyway, and each series keeps it only if it forecasts that series' validation windows better than ${plain}; ` +
      'the other series get the best of those plain forecasts, and the verdict says which.'
    );
  }
  const length = seriesLength(table, spec);
  // A shorter window would give enough: the refusal says which.
  if (largestLookback(length, spec) >= 1) return null;
  return (
    `Only ${windows.train} training windows in this series of ${length} steps: ${few}. The run trains one anyway and ` +
    `keeps it only if it forecasts the ${windows.validation} validation ${samplesWord(windows, windows.validation)} ` +
    `better than ${plain}; otherwise the model is the best of those plain forecasts, and the verdict says which.`
  );
}

/** The caution a result on `test` samples carries, or null when the test set is large enough. */
export function smallTestCaution(test: number, unit: SplitWindows['unit']): string | null {
  if (test <= 0 || test >= MIN_RELIABLE_TEST) return null;
  return (
    `Judged on only ${test} test ${samplesWord({ unit }, test)}: with so few, any verdict is a rough guide. ` +
    `More data or a larger test share (at least ${MIN_RELIABLE_TEST} test ${samplesWord({ unit }, 2)}) makes it firmer.`
  );
}

function tooFewToTrain(table: Table, spec: ExperimentSpec, windows: SplitWindows): SpecProblem {
  const have = `${windows.train} training ${samplesWord(windows, windows.train)}`;
  const need = `training needs at least ${MIN_TRAINING_SAMPLES}`;
  const rows = `${windows.rows} ${windows.rows === 1 ? 'row' : 'rows'}`;
  if (spec.task === 'forecast') {
    const length = seriesLength(table, spec);
    const { lookback, horizon } = spec.data;
    const longest = largestLookback(length, spec);
    const minLength = shortestSeries(spec);
    if (longest < 1) {
      return problem(
        'data.file',
        `The file has only ${rows}: too few to forecast. With a horizon of ${horizon} and the validation and test shares, ` +
          `a series needs at least ${shortestSeries({ ...spec, data: { ...spec.data, lookback: 1 } })} steps to give ${MIN_TRAINING_SAMPLES} training windows` +
          (spec.data.series.scope === 'one' && spec.data.targetTransform === 'auto'
            ? `, or ${shortestSeries(spec, MIN_SHORT_SERIES_WINDOWS)} steps (with a window of ${lookback}) for a forecast that falls back on the plain forecasts (naive, seasonal naive, exponential smoothing) when the network cannot beat them.`
            : '.'),
      );
    }
    return problem(
      'data.lookback',
      `A window of ${lookback} steps with a horizon of ${horizon} leaves ${have} in this series of ${length} steps; ${need}. ` +
        `Shorten the window to at most ${longest} steps, or use a series of at least ${minLength} steps.`,
    );
  }
  if (spec.task === 'text-generation') {
    return problem(
      'data.text.maxLength',
      `Sequences of ${spec.data.text.maxLength} tokens leave ${have} in the training part of the text; ${need}. ` +
        'Shorten the text length or use more text.',
    );
  }
  const total = windows.train + windows.validation + windows.test;
  const unit = samplesWord(windows, 2);
  if (total <= 3) {
    return problem(
      'data.file',
      `The file has only ${rows}, giving ${total} ${samplesWord(windows, total)}: too few to train a classifier. ` +
        `Use a file with at least ${smallestCount(spec)} ${unit} (with these validation and test shares).`,
    );
  }
  return problem(
    'data.split',
    `The ${total} ${unit} leave ${have} once validation and test take theirs; ${need}. ` +
      `Add ${unit} (at least ${smallestCount(spec)} in all) or lower the validation and test shares.`,
  );
}

/** The longest window that still leaves MIN_TRAINING_SAMPLES training windows (0 when none does). */
function largestLookback(length: number, spec: ExperimentSpec): number {
  let best = 0;
  let lo = 1;
  let hi = length;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (forecastWindows(length, withLookback(spec, mid)).train >= MIN_TRAINING_SAMPLES) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The shortest series that gives `train` training windows (MIN_TRAINING_SAMPLES unless given) with
 * the spec's window, and at least one validation and test window where the spec holds those parts out.
 */
function shortestSeries(spec: ExperimentSpec, train = MIN_TRAINING_SAMPLES): number {
  const enough = (n: number) => {
    const w = forecastWindows(n, spec);
    return (
      w.train >= train &&
      (spec.data.split.validation === 0 || w.validation > 0) &&
      (spec.data.split.test === 0 || w.test > 0)
    );
  };
  let n = spec.data.lookback + spec.data.horizon;
  // Training windows grow with the length (held-out parts grow by a share only): step up.
  while (!enough(n)) n = Math.ceil(n * 1.05) + 1;
  let lo = Math.floor(n / 1.05) - 1;
  while (lo < n && !enough(lo)) lo++;
  return lo;
}

/** The fewest texts or sequences that leave MIN_TRAINING_SAMPLES for training. */
function smallestCount(spec: ExperimentSpec): number {
  let n = MIN_TRAINING_SAMPLES;
  while (sampleSplitSizes(n, spec.data.split).train < MIN_TRAINING_SAMPLES) n++;
  return n;
}

function withLookback(spec: ExperimentSpec, lookback: number): ExperimentSpec {
  return { ...spec, data: { ...spec.data, lookback } };
}

function problem(path: string, message: string): SpecProblem {
  return { path, field: fieldLabel(path), message };
}

function samplesWord(windows: Pick<SplitWindows, 'unit'>, count: number): string {
  const singular = { windows: 'window', texts: 'text', sequences: 'sequence', pairs: 'pair' }[windows.unit];
  return count === 1 ? singular : windows.unit;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
