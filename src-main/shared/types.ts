/**
 * Data shapes that cross the renderer ↔ main boundary (results and events). JSON-only:
 * no class instances, no typed arrays, no Dates (ISO strings instead).
 */
import type { Seq2seqEvaluation } from './types-seq2seq';
import type { ExperimentSpec, Task, TimeParts, TransformKind } from './spec';

export type Backend = 'tensorflow' | 'cpu';

export interface AppInfo {
  version: string;
  /** The TensorFlow.js backend training will use. */
  backend: Backend;
  /** Plain-language note when the fast native backend is unavailable, with how to fix it. */
  backendNote: string | null;
  host: 'electron' | 'browser';
  platform: string;
}

export type ColumnType = 'numeric' | 'datetime' | 'categorical' | 'text';

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  /** Type detected before any user override. */
  detectedType: ColumnType;
  missing: number;
  distinct: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Up to 64 evenly spaced values for a numeric column's sparkline. */
  sparkline: number[];
  /**
   * Numeric columns: the column drawn for the Data view's chart, every value of a short column, or
   * of a long one each stretch's lowest and highest, so peaks, troughs and seasons stay visible.
   * `at` holds their rows (1-based). Absent in summaries made before it was added.
   */
  outline?: { at: number[]; values: number[] };
  /** For datetime columns: the recognised format, e.g. "ISO date", "YYYYMMDD", "year". */
  format?: string;
  /** For datetime columns: `min` / `max` (epoch milliseconds) as dates to show, e.g. "1871-01-01". */
  minLabel?: string;
  maxLabel?: string;
  /** For text columns: word counts and vocabulary, from which text tasks take their defaults. */
  text?: TextColumnStats;
}

/** Word counts and vocabulary of a text column (words as the word tokenizer splits them, lowercased). */
export interface TextColumnStats {
  /** Texts the figures were computed on (the first few thousand at most). */
  texts: number;
  meanWords: number;
  /** 95th percentile of words per text. */
  p95Words: number;
  meanChars: number;
  /** Distinct words (counted up to 100,000). */
  vocabulary: number;
  /** Distinct characters but the line break, as written and lowercased (absent in summaries saved before they were counted). */
  characters?: number;
  lowercaseCharacters?: number;
}

export interface DataProblem {
  severity: 'error' | 'warning' | 'info';
  /** A specific sentence naming the line or column and what to do. */
  message: string;
  line?: number;
  column?: string;
}

export interface DatasetSummary {
  /** Handle for follow-up requests (rows, spec suggestions). */
  id: string;
  path: string;
  fileName: string;
  /** For a folder: the total size of the text files read. */
  sizeBytes: number;
  /**
   * 'folder': a folder of .txt files (one text per file; label subfolders make a labeled-text table),
   * or of paired files (line-aligned `train.en` + `train.fr`, or many `name.src` + `name.tgt`).
   * 'conll': tagged words, one per line with its tags, a blank line after each sentence (CoNLL, CoNLL-U).
   */
  format: 'csv' | 'xlsx' | 'json' | 'text' | 'folder' | 'conll';
  encoding: string;
  delimiter: string | null;
  decimalComma: boolean;
  sheets: string[];
  sheet: string | null;
  rows: number;
  /**
   * 'pairs': texts beside the texts to write from them (two text columns, or a folder of paired files).
   * 'tagged-words': one row per word with its tags, the words of one sentence sharing `idColumn`.
   */
  layout: 'single' | 'wide' | 'long' | 'multivariate' | 'text' | 'labeled-text' | 'pairs' | 'tagged-words';
  columns: ColumnSummary[];
  timeColumn: string | null;
  /** The columns the time column is composed from (e.g. year + quarter); null for a single time column. */
  timeParts: TimeParts | null;
  idColumn: string | null;
  /** A long file's series: the distinct values of `idColumn` in file order (at most 10,000). */
  seriesIds?: string[] | null;
  /** Detected sampling frequency, e.g. "monthly", "daily", "yearly", "irregular". */
  frequency: string | null;
  gaps: number;
  duplicateTimestamps: number;
  /** Calendar seasons of the default forecast column ("7 days", "1 year"), with the evidence in words. */
  seasons?: { column: string; labels: string[]; reason: string } | null;
  /** Missing cells per column that has some (filled or dropped by the missing-value setting when preparing). */
  missingValues?: { column: string; count: number }[];
  /** The task the layout suggests (labelled texts → text classification, a corpus → generation, series → forecast). */
  proposedTask?: Task;
  /** Why that task, in words for the data view. */
  proposedTaskReason?: string;
  problems: DataProblem[];
}

export interface ModelLayerSummary {
  name: string;
  className: string;
  outputShape: (number | null)[];
  params: number;
}

export interface ModelSummary {
  layers: ModelLayerSummary[];
  totalParams: number;
  trainableParams: number;
  inputShape: (number | null)[];
  /** Classification tasks: how many classes the data holds (what "Automatic" output and loss follow). */
  classCount?: number;
  problems: { path: string; message: string }[];
}

export interface TrainProgress {
  runId: string;
  phase: 'preparing' | 'training' | 'paused' | 'evaluating' | 'saving';
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  /** Mean training loss over the batches of the current epoch so far. */
  batchLoss: number | null;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
  /** Free text for the run's log, e.g. "LSTM layers run on fused native kernels". */
  message?: string;
  /**
   * While an ensemble trains: which network (1-based) of how many. `epoch` and `epochs` are that
   * network's; `etaSeconds` covers the networks still to come.
   */
  network?: { index: number; count: number };
}

export interface EpochRecord {
  runId: string;
  epoch: number;
  loss: number;
  valLoss: number | null;
  metrics: Record<string, number>;
  valMetrics: Record<string, number>;
  learningRate: number;
  /** Global gradient norm per trainable layer (before clipping), averaged over the epoch. */
  gradNorms: Record<string, number>;
  seconds: number;
  samplesPerSecond: number;
  /** Set when gradients look vanishing or exploding. */
  gradientWarning?: string;
  /**
   * Which network of an ensemble trained this epoch, from 2 up; absent for the first (or only)
   * network, whose epochs are the run's history.
   */
  network?: number;
}

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
  mape: number | null;
  smape: number | null;
}

/** One series of a global model: its test metrics beside its own naive and seasonal-naive forecasts. */
export interface SeriesScore {
  id: string;
  metrics: RegressionMetrics;
  naive: RegressionMetrics;
  seasonalNaive: RegressionMetrics | null;
  /** The value one long season before (same day last year), when this series' training part shows one. */
  longSeasonNaive?: RegressionMetrics | null;
  /** The longer season behind `longSeasonNaive`: its lag and name, e.g. 365 and "1 year". */
  longSeason?: { period: number; label: string } | null;
  /** The model's test MAE over the naive forecast's (below 1: better than naive). */
  scaledError: number;
  /**
   * Set when the validation guard made this series forecast a plain forecast instead of the
   * network ("naive", "seasonal naive", "exponential smoothing" or "ARIMA"); absent when it uses the network.
   */
  plainForecast?: string;
  /** This series' fitted smoothing or ARIMA base with its weights (as `ForecastEvaluation.baseModel`); absent otherwise. */
  baseModel?: string;
}

/** A global model's results over every series it was trained on. */
export interface GlobalForecastScores {
  series: SeriesScore[];
  /** Every series' forecast-vs-actual chart by id, for the results' series picker (absent in older runs). */
  charts?: Record<string, ForecastEvaluation['series']>;
  aggregate: {
    seriesCount: number;
    /** Mean over series of the model's MAE scaled by each series' naive MAE (MASE-style; naive = 1). */
    meanScaledError: number;
    /** The same for the seasonal naive forecast (null when no series has a season). */
    seasonalNaiveScaledError: number | null;
    /** The same for the same time one long season before, over the series that have one (null when none does; absent in older runs). */
    longSeasonNaiveScaledError?: number | null;
    /** Series where the model's MAE beats both baselines. */
    seriesBeatingBaselines: number;
  };
}

export interface ForecastEvaluation {
  kind: 'forecast';
  target: string;
  horizon: number;
  /** Test-split metrics in the target's original units. */
  metrics: RegressionMetrics;
  baselines: {
    naive: RegressionMetrics;
    seasonalNaive: RegressionMetrics | null;
    /** The value one long season before (same day last year), when the training part shows one (absent in older runs). */
    longSeasonNaive?: RegressionMetrics | null;
  };
  seasonalPeriod: number | null;
  /** The longer season behind `baselines.longSeasonNaive`: its lag and name, e.g. 365 and "1 year". */
  longSeason?: { period: number; label: string } | null;
  /** The target transform actually used (when the spec said auto, the chosen one). */
  targetTransform: TransformKind;
  /**
   * seasonal-profile only: the usual deviation at each calendar phase (month 0–11, quarter 0–3,
   * UTC hour 0–23 or weekday 0 = Sunday) and the mean change per step, fitted on the training part.
   */
  seasonProfile?: { unit: 'month' | 'quarter' | 'hour' | 'weekday'; values: number[]; drift: number } | null;
  /**
   * exponential-smoothing and arima only: the fitted base in its usual notation with its weights or
   * coefficients, e.g. "ARIMA(0,1,1)(0,1,1)[12]: θ −0.41, Θ −0.56" (absent in older runs).
   */
  baseModel?: string | null;
  /** A plain sentence when the model does not beat a baseline. */
  verdict: string | null;
  /**
   * True when the saved model is exactly its base forecast (training kept the start, or the
   * fallback or validation guard set the network's output to zero); absent in older runs.
   */
  plainForecast?: boolean;
  /** Why MAPE is left out (test actuals that cross or touch zero); absent or null when it is given. */
  mapeNote?: string | null;
  /** Shown beside the verdict when the test set is too small for a firm judgement. */
  caution?: string | null;
  /** Global models only: every series' scores and their aggregate (the fields above are the first series'). */
  global?: GlobalForecastScores;
  /** The series with one-step-ahead model forecasts, for the forecast-vs-actual chart. */
  series: {
    time: string[];
    actual: number[];
    predicted: (number | null)[];
    validationStart: number;
    testStart: number;
    /**
     * The original time step of each point, ascending, when a long series was thinned for its
     * chart (shared/chart-series.ts); absent when every step is there (point i is step i).
     */
    steps?: number[];
    /**
     * The residual histogram over every step, made before the series was thinned (a thinned
     * series keeps mostly extremes, so its points would misstate the spread). Absent when every
     * step is there, and in runs saved before it existed.
     */
    residualHistogram?: ResidualHistogram;
  };
}

/** Equal-width bins of residuals (shared/residual-histogram.ts). */
export interface ResidualHistogram {
  /** Left edge of each bin; the last bin includes its right edge. */
  edges: number[];
  width: number;
  counts: number[];
  /** How many residuals were binned (the sum of counts). */
  total: number;
  /** Which residuals: the test split's, or all of them when the test split has no forecast. */
  split: 'test' | 'all';
}

export interface ClassificationEvaluation {
  kind: 'classification';
  classes: string[];
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[actual][predicted] */
  confusion: number[][];
  auc: number | null;
  /** ROC curve points (false / true positive rates, ascending) for two classes; absent otherwise. */
  roc?: { fpr: number[]; tpr: number[] };
  /** Always answering the most common test class, and the accuracy that scores: the bar to beat. */
  majorityBaseline?: { label: string; accuracy: number } | null;
  /** A plain sentence when the model does not beat the majority baseline; null when it does. */
  verdict?: string | null;
  /**
   * Text classification with word tokens: the test accuracy of naive Bayes over which of the same
   * words each text holds, word order ignored (engine/metrics/word-count-baseline.ts).
   */
  wordCountBaseline?: { accuracy: number } | null;
  /** A plain sentence when the model does not beat the word-count baseline, with what to try. */
  wordCountVerdict?: string | null;
  /**
   * Labeling of words: the test accuracy of giving each word its most frequent training tag, the
   * neighbours ignored (engine/metrics/word-tag-baseline.ts).
   */
  wordTagBaseline?: { accuracy: number } | null;
  /** A plain sentence when the model does not beat the word-tag baseline, with what to try. */
  wordTagVerdict?: string | null;
  /**
   * Labeling with entity tags (B-PER, I-PER, O): entities whose words and type the model got
   * exactly, as precision, recall and F1 over the test sequences.
   */
  entities?: { precision: number; recall: number; f1: number; support: number; predicted: number } | null;
  /** A plain sentence when the model ends at chance level, with what to try; null or absent otherwise. */
  chanceVerdict?: string | null;
  /** Shown beside the accuracy when the test set is too small for a firm judgement. */
  caution?: string | null;
}

export interface GenerationEvaluation {
  kind: 'generation';
  /** exp(mean next-token cross-entropy) on the held-out test text. */
  perplexity: number;
  sample: string;
  /**
   * Corpus BLEU-4 (0..1, words) of greedy continuations of held-out prompts against the text
   * that actually followed them; absent when the test text is too short to hold a prompt and a
   * continuation.
   */
  bleu?: number;
}

export type Evaluation = ForecastEvaluation | ClassificationEvaluation | GenerationEvaluation | Seq2seqEvaluation;

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';

export interface RunSummary {
  runId: string;
  name: string;
  task: Task;
  status: RunStatus;
  startedAt: string;
  durationSeconds: number | null;
  backend: Backend;
  headline: Record<string, number>;
  /** Why a failed or interrupted run stopped, in plain words; absent for runs that completed. */
  error?: string | null;
}

export interface RunResult extends RunSummary {
  spec: ExperimentSpec;
  fused: boolean;
  history: EpochRecord[];
  /** An ensemble's networks 2 to N: their epochs, each with its `network`, in the order they trained. */
  ensembleHistory?: EpochRecord[];
  evaluation: Evaluation | null;
  /** Folder holding the trained model (model.json, weights.bin, preprocessing.json). */
  modelDir: string | null;
  /** Why the run failed, in plain words, and what to try. */
  error: string | null;
  log: string[];
  /** The run whose saved weights this run continued training from. */
  continuedFrom?: string;
  /** What a failed run failed on: the user's data or settings ('input'), or the training itself ('run'). */
  failedOn?: 'input' | 'run';
}

/** A file the browser host hands to the user as a download. */
export interface FileDownload {
  fileName: string;
  contentBase64: string;
}
