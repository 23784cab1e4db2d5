/**
 * preprocessing.json: everything needed to turn raw data into model inputs and model outputs
 * back into the user's units. Saved beside every trained model and in every export.
 * Versioned, JSON-only.
 */
import type { ExperimentSpec, Task } from './spec';

export const PREPROCESSING_FORMAT = 'recurrent-studio.preprocessing';
export const PREPROCESSING_VERSION = 1;

export interface ScalerJson {
  kind: 'standard' | 'minmax' | 'none';
  center: number;
  scale: number;
}

export interface PreprocessingFile {
  format: typeof PREPROCESSING_FORMAT;
  version: typeof PREPROCESSING_VERSION;
  task: Task;
  /** The model's input is [batch, lookback, inputs.length] (numeric tasks). */
  lookback: number;
  horizon: number;
  /**
   * Input columns in the order of the last axis. `source` is the column name; `derived`
   * says how the value is computed from it before scaling.
   */
  inputs: {
    name: string;
    source: string;
    derived: 'level' | 'difference' | 'seasonal-difference' | 'calendar';
    scaler: ScalerJson;
    /**
     * Known-future inputs (known-future columns, calendar features): window step s holds the
     * value at step s + lead, so the window's last `lead` steps carry the values at the forecast
     * steps. Absent (0) for inputs observed up to the origin.
     */
    lead?: number;
  }[];
  /** Forecast target: the network predicts scaled (y - baseline); see forecast/target-transform.ts. */
  target: {
    name: string;
    transform: 'level' | 'difference' | 'seasonal-residual' | 'seasonal-profile' | 'exponential-smoothing';
    period: number | null;
    scaler: ScalerJson;
    /**
     * seasonal-profile only: the baseline is the mean of (y − values[phase]) over the last
     * `window` steps + drift × ((window + 1) / 2 + k) + values[phase of the forecast step], where
     * a step's phase is its calendar month (0–11), quarter (0–3), UTC hour (0–23) or weekday
     * (0 = Sunday) as `unit` says.
     */
    profile?: { unit: 'month' | 'quarter' | 'hour' | 'weekday'; values: number[]; drift: number; window: number };
    /**
     * exponential-smoothing only: the Holt-Winters form and weights (forecast/exponential-smoothing.ts);
     * its start is taken from the first season(s) of the history it is applied to.
     */
    smoothing?: {
      trend: 'none' | 'additive' | 'damped';
      season: 'none' | 'additive' | 'multiplicative';
      period: number | null;
      alpha: number;
      beta: number;
      gamma: number;
      phi: number;
    };
    /**
     * Global forecast models only, on a series' own target: the network's output is not used for
     * this series, its forecast is exactly the transform's baseline (the validation guard found that
     * plain forecast better than the shared network there).
     */
    plain?: boolean;
  } | null;
  timeColumn: string | null;
  frequency: string | null;
  /**
   * Global forecast models only: each series' own input scalers and target (transform, scaler,
   * profile), by series id. `inputs` and `target` above are the first series'.
   */
  series?: { id: string; inputs: PreprocessingFile['inputs']; target: NonNullable<PreprocessingFile['target']> }[];
  /** Text tasks: the vocabulary (index = token id; 0 is padding, 1 is out-of-vocabulary). */
  text: {
    tokens: 'char' | 'word';
    lowercase: boolean;
    maxLength: number;
    padding: 'pre' | 'post';
    truncating: 'pre' | 'post';
    vocabulary: string[];
  } | null;
  /** Classification tasks: class labels in output order. */
  classes: string[] | null;
  /**
   * Sequence to sequence only: `text` describes the source side (its vocabulary, maximum length,
   * padding first); this the target side. Target index 2 is the start token and 3 the end token.
   */
  seq2seq?: { targetVocabulary: string[]; targetMaxLength: number };
  spec: ExperimentSpec;
}
