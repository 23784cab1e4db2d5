/**
 * Jobs the app runs off the main thread with a trained model: forecasts, backtests (which may
 * retrain), explanations, predictions on files and texts, generated text, exports and import
 * checks. Each job names what it does and carries plain data, so it can cross into a worker.
 */
import type { StudioErrorInfo } from '../shared/contract';
import { ServiceError } from '../shared/service-error';
import type { ExperimentSpec, Task } from '../shared/spec';
import type {
  BacktestReport,
  BatchPrediction,
  ClassProbabilities,
  TaggedText,
  Explanation,
  FutureForecast,
  GeneratedText,
} from '../shared/types-model-use';
import type { ExportFormat } from '../shared/export-formats';
import type { RunResult } from '../shared/types';
import type { Seq2seqOutput } from '../shared/types-seq2seq';
import type { StretchSquares } from '../search/stretch-score';

/** The tasks whose models predict on a whole file: series windows, texts, sequences, the rows of sequences. */
export const FILE_TASKS = [
  'forecast',
  'text-classification',
  'sequence-classification',
  'sequence-labeling',
  'sequence-to-sequence',
] as const;
export type FileTask = (typeof FILE_TASKS)[number];

/** The arguments of every job, by name. Paths are absolute. */
export interface JobArgs {
  /** `series`: which series of a global model (null: the first). */
  'forecast.future': { runDir: string; steps: number; levels: number[]; series?: string | null };
  'forecast.futureCsv': { runDir: string; steps: number; levels: number[]; series?: string | null };
  'backtest.run': {
    runDir: string;
    start: number | null;
    step: number;
    horizon: number | null;
    retrainEvery: number | null;
    series?: string | null;
  };
  'explain.run': { runDir: string };
  /** `task` says which kind of model the run holds (forecast when absent). */
  'predict.file': { runDir: string; file: string; output?: string; task?: FileTask };
  'predict.text': { runDir: string; text: string };
  'tag.text': { runDir: string; text: string };
  'generate.text': { runDir: string; seed: string; length: number; temperature: number };
  /** Sequence to sequence: the output written for a typed source. */
  'seq2seq.translate': { runDir: string; text: string };
  'model.export': { modelDir: string; format: ExportFormat; target: string };
  /** Opens a model folder as a model to prove it is usable, and reports what it was trained for. */
  'model.check': { dir: string };
  /** Converts a .keras file into a run folder and scores it (see export/keras-import). */
  'model.importKeras': { file: string; preprocessing: string; runDir: string };
  /** An automatic search's candidate trained before each stretch of origins and scored there. */
  'search.score': { spec: ExperimentSpec; stretches: number[][]; epochs: number };
}

/** What a model folder holds, as far as importing it needs to know. */
export interface CheckedModel {
  task: Task;
  /** The spec saved in preprocessing.json; null when the folder has none (the app cannot feed the model). */
  spec: ExperimentSpec | null;
  /** The folder's model files, relative to it with '/' separators (model.json, weights, preprocessing.json). */
  files: string[];
}

/** The result of every job, by name. */
export interface JobResults {
  'forecast.future': FutureForecast;
  'forecast.futureCsv': { fileName: string; csv: string };
  'backtest.run': BacktestReport;
  'explain.run': Explanation;
  'predict.file': BatchPrediction;
  'predict.text': ClassProbabilities;
  'tag.text': TaggedText;
  'generate.text': GeneratedText;
  'seq2seq.translate': Seq2seqOutput;
  'model.export': { files: string[] };
  'model.check': CheckedModel;
  'model.importKeras': RunResult;
  'search.score': StretchSquares;
}

export type JobName = keyof JobArgs;
export type Job = { [N in JobName]: { name: N; args: JobArgs[N] } }[JobName];
export type JobOf<N extends JobName> = { name: N; args: JobArgs[N] };

/** Runs one job and resolves with its result; fails with a JobError carrying a user-facing message. */
export type JobRunner = <N extends JobName>(job: JobOf<N>, log?: (line: string) => void) => Promise<JobResults[N]>;

/** A job failure that crossed from the worker: the code and message the user should see. */
export class JobError extends ServiceError {
  constructor(info: { code: StudioErrorInfo['code']; message: string }) {
    super(info.code, info.message);
    this.name = 'JobError';
  }
}
