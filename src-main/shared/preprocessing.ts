/**
 * preprocessing.json: everything needed to turn raw data into model inputs and model outputs
 * back into the user's units. Saved beside every trained model and in every export.
 * Versioned, JSON-only.
 */
import type { ExperimentSpec, Task, TransformKind } from './spec';

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
    transform: TransformKind;
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
     * arima only: the orders and coefficients (forecast/arima.ts). The series is differenced `d`
     * times and `seasonalD` times at `period`; the differences w follow
     * w_t − mean = Σ ar_i (w_{t−i} − mean) + e_t + ma_1 e_{t−1} + sma_1 e_{t−m} + ma_1 sma_1 e_{t−m−1},
     * run over the whole history from its first difference with earlier values at the mean and
     * earlier errors 0; future errors are 0.
     */
    arima?: {
      /** Differences of the series before the model (0 or 1). */
      d: number;
      /** Differences at the season (0 or 1); 1 needs `period`. */
      seasonalD: number;
      /** Steps per season; null without a seasonal part. */
      period: number | null;
      /** Autoregressive coefficients φ_1 … φ_p (p at most 2). */
      ar: number[];
      /** Moving-average coefficient θ_1 (q at most 1). */
      ma: number[];
      /** Seasonal moving-average coefficient Θ at lag `period` (at most one). */
      seasonalMa: number[];
      /** Mean of the differenced series (the drift per step after one difference); 0 when not fitted. */
      mean: number;
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
