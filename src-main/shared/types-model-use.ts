/**
 * Results of what users do with a trained model: forecasts into the future with intervals,
 * backtests, explanations, predictions on new files and texts, generated text.
 * JSON-only shapes that cross the renderer ↔ main boundary.
 */
import type { RegressionMetrics } from './types';

export interface IntervalBand {
  /** Nominal coverage, e.g. 0.8 or 0.95. */
  level: number;
  lower: number[];
  upper: number[];
}

/** A forecast beyond the end of the data (recursive multi-step), with real time stamps. */
export interface FutureForecast {
  runId: string;
  target: string;
  /** Time labels of the future steps (ISO dates when the data has a time column). */
  time: string[];
  point: number[];
  intervals: IntervalBand[];
  /**
   * The last observed part of the series, for context in the chart; a long one is thinned and
   * `steps` gives the original step of each kept point within it (absent when every step is there).
   */
  history: { time: string[]; values: number[]; steps?: number[] };
  /** Where the intervals come from, e.g. "split-conformal, calibrated on 42 validation windows". */
  intervalMethod: string;
  /**
   * When a forecast past the model's horizon leans on a plain long-range forecast where the
   * backtest showed the fed-back network drifting: what it leans on and how much; else null.
   */
  longRangeNote: string | null;
  /**
   * The future step (0 = the first) of each point when a long forecast was thinned for the chart
   * (shared/bounded-future.ts); absent when every step is there.
   */
  steps?: number[];
}

export interface BacktestScoresJson {
  overall: RegressionMetrics;
  perStep: RegressionMetrics[];
}

export interface BacktestReport {
  runId: string;
  target: string;
  horizon: number;
  period: number | null;
  origins: number[];
  model: BacktestScoresJson;
  baselines: {
    naive: BacktestScoresJson;
    seasonalNaive: BacktestScoresJson | null;
    movingAverage: BacktestScoresJson;
    /** The value one long season before (same day last year), scored on the origins with that much history. */
    longSeasonNaive?: BacktestScoresJson | null;
  };
  /** The longer season behind `longSeasonNaive` (its lag and name, e.g. 365 and "1 year"). */
  longSeason?: { period: number; label: string } | null;
  beatsReference: boolean;
  verdict: string | null;
  /**
   * Past the model's horizon: the forecast as the Forecast view shows it (the fed-back network
   * blended with a plain reference), scored with weights fitted on the other half of the origins;
   * null (or absent) when there is no blend, and within the model's own horizon.
   */
  blended?: BacktestScoresJson | null;
  /** One sentence on the blended scores (what they lean on, how they were fitted) or why there are none; null within the horizon. */
  blendNote?: string | null;
  /**
   * The historical forecasts for the chart over the actual series: every fold's, or evenly
   * spaced ones, first and last among them, when they hold more points than a chart draws.
   */
  folds: { origin: number; time: string[]; forecast: number[] }[];
  /**
   * The actual series; a long one is thinned (shared/bounded-backtest.ts) and `steps` gives the
   * original step of each kept point (absent when every step is there).
   */
  series: { time: string[]; actual: number[]; steps?: number[] };
  retrainEvery: number | null;
}

export interface Explanation {
  runId: string;
  /** Permutation importance per input feature (increase of the error when it is shuffled). */
  features: { name: string; importance: number }[];
  /** Attribution per window step (oldest first) and feature: [lookback][features]. */
  heatmap: number[][];
  featureNames: string[];
  method: string;
}

export interface ClassProbabilities {
  runId: string;
  classes: { label: string; probability: number }[];
  /** Share (0..1) of the text's tokens the model never saw in training (they all read as one unknown token). */
  unknownShare?: number;
  /** Set when that share is high (or the text is empty): the answer rests on little. */
  warning?: string | null;
}

/** A typed sentence tagged word by word (a word tagger's "Try it"). */
export interface TaggedText {
  runId: string;
  words: { word: string; tag: string; probability: number; unknown: boolean }[];
  /** Share (0..1) of the words the model never saw in training. */
  unknownShare: number;
  /** Set when that share is high: the tags rest on little. */
  warning: string | null;
}

export interface BatchPrediction {
  runId: string;
  rows: number;
  /** Path of the CSV written (spreadsheet formulas neutralized). */
  file: string | null;
  /** First rows of the result for display. */
  preview: string[][];
  header: string[];
  problems: string[];
  /** Text models: share (0..1) of all tokens in the file the model never saw in training. */
  unknownShare?: number;
}

export interface GeneratedText {
  runId: string;
  text: string;
}
