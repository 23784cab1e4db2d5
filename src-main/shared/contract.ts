/**
 * The one contract between the renderer and main. Every request maps to a zod schema for
 * its argument (main validates every payload with it) and a result type; every streamed
 * event maps to its payload type. The Electron preload, the IPC wiring in main, the
 * browser host (HTTP + WebSocket) and the renderer's API object are all typed from here.
 */
import type { RayImport } from './ray-trial-schema';
import { z } from 'zod';
import { EXPORT_FORMATS } from './export-formats';
import type { ExperimentSpec, SpecProblem, Task } from './spec';
import { COLUMN_TYPES, TASKS } from './spec';
import type {
  BacktestReport,
  BatchPrediction,
  ClassProbabilities,
  TaggedText,
  Explanation,
  FutureForecast,
  GeneratedText,
} from './types-model-use';
import type { SplitWindows } from './types-checks';
import type { HostFiles } from './host-files';
import type { ProjectState, RecentProject, SampleInfo, SearchState, Settings } from './types-project';
import type { Seq2seqOutput } from './types-seq2seq';
import type {
  AppInfo,
  DatasetSummary,
  FileDownload,
  EpochRecord,
  ModelSummary,
  RunResult,
  RunSummary,
  TrainProgress,
} from './types';

const id = z.string().min(1).max(200);
const filePath = z.string().min(1).max(4096);
/** One series of a global forecast model, by id (null or absent: the first series). */
const seriesId = z.string().min(1).max(500).nullable().optional();

/** A folder the browser uploads as its files, each with its path inside the folder. */
const uploadedFolder = (maxFiles: number) =>
  z
    .object({
      folderName: z.string().min(1).max(255),
      files: z
        .array(z.object({ path: z.string().min(1).max(1000), contentBase64: z.string().max(700_000_000) }).strict())
        .min(1)
        .max(maxFiles),
    })
    .strict();

/** Argument schemas, one per request channel. */
export const requestArgs = {
  'app.info': z.undefined(),
  'data.inspect': z
    .object({
      path: filePath,
      sheet: z.string().max(200).nullable().optional(),
      /** The user's column type overrides (they are recorded in the spec too). */
      typeOverrides: z.record(z.string().max(500), z.enum(COLUMN_TYPES)).optional(),
      /** Chosen by the renderer to follow 'data.progress' events and to cancel. */
      importId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  'data.cancelImport': z.object({ importId: z.string().min(1).max(100) }).strict(),
  /** Browser host: the user's file arrives as bytes; main stores it in the uploads folder. */
  'data.upload': z
    .object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(700_000_000) })
    .strict(),
  /**
   * Browser host: a folder of labelled texts or of paired files arrives as its files (paths relative to the folder,
   * e.g. "pos/review1.txt"); main stores them and imports the folder.
   */
  'data.uploadFolder': uploadedFolder(200_000),
  'data.rows': z
    .object({ datasetId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) })
    .strict(),
  'spec.suggest': z.object({ datasetId: id, task: z.enum(TASKS).optional(), target: z.string().optional() }).strict(),
  'spec.validate': z.object({ spec: z.unknown() }).strict(),
  'model.summary': z.object({ spec: z.unknown() }).strict(),
  'train.start': z
    .object({
      spec: z.unknown(),
      /** Continue training from this run's weights (a finished or re-imported run with the same architecture). */
      continueFrom: z.string().min(1).max(200).optional(),
    })
    .strict(),
  'train.control': z.object({ runId: id, action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
  'runs.list': z.undefined(),
  'runs.get': z.object({ runId: id }).strict(),
  'model.save': z.object({ runId: id, dir: filePath }).strict(),
  /** The trained model and its preprocessing as one zip, for hosts that download files. */
  'model.archive': z.object({ runId: id }).strict(),
  'dialog.openDataFile': z.undefined(),
  /** Electron only: a folder of labeled texts (one subfolder per label, one .txt file per text) or of paired files. */
  'dialog.openDataFolder': z.undefined(),
  'dialog.chooseFolder': z.object({ title: z.string().max(200).optional() }).strict(),
  /** Electron only: where to save a file; null when cancelled. */
  'dialog.saveFile': z
    .object({
      title: z.string().max(200).optional(),
      defaultName: z.string().max(255),
      extensions: z.array(z.string().max(20)).max(10),
    })
    .strict(),
  'dialog.openProject': z.undefined(),
  /** Electron only: a Keras 3 .keras model file; null when cancelled. */
  'dialog.openKerasModel': z.undefined(),

  // Use a trained model.
  'model.export': z.object({ runId: id, format: z.enum(EXPORT_FORMATS), target: filePath }).strict(),
  /** The export as bytes, for hosts that download files. */
  'model.exportArchive': z.object({ runId: id, format: z.enum(EXPORT_FORMATS) }).strict(),
  /** Re-imports an exported tfjs model folder as a run, to predict or continue training. */
  'model.import': z.object({ dir: filePath }).strict(),
  /** Browser host: an exported tfjs model folder arrives as its files and is imported as a run. */
  'model.upload': uploadedFolder(1000),
  /**
   * Imports a Keras 3 .keras model as a scored run when it fits the preparation in `preprocessing`
   * (default: preprocessing.json beside the file, as a Keras training project writes it).
   */
  'model.importKeras': z.object({ file: filePath, preprocessing: filePath.optional() }).strict(),
  /** Browser host: a folder holding one .keras model and its preprocessing.json (a training project's output/). */
  'model.uploadKeras': uploadedFolder(50),
  /** Imports the trials of a Ray Tune search that a training project's search.py ran, each as a scored run. */
  'model.importRay': z.object({ dir: filePath }).strict(),
  /** Browser host: a Ray Tune results folder arrives as its files and its trials are imported. */
  'model.uploadRay': uploadedFolder(5000),
  'forecast.future': z
    .object({
      runId: id,
      steps: z.number().int().min(1).max(10_000),
      levels: z.array(z.number().gt(0).lt(1)).max(5).default([0.8, 0.95]),
      series: seriesId,
    })
    .strict(),
  'forecast.futureCsv': z
    .object({
      runId: id,
      steps: z.number().int().min(1).max(10_000),
      levels: z.array(z.number().gt(0).lt(1)).max(5),
      series: seriesId,
    })
    .strict(),
  'backtest.run': z
    .object({
      runId: id,
      start: z.number().int().min(1).nullable().default(null),
      step: z.number().int().min(1).max(100_000).default(1),
      horizon: z.number().int().min(1).max(1000).nullable().default(null),
      retrainEvery: z.number().int().min(1).nullable().default(null),
      series: seriesId,
    })
    .strict(),
  'explain.run': z.object({ runId: id }).strict(),
  'predict.file': z.object({ runId: id, path: filePath, output: filePath.optional() }).strict(),
  /** Browser host: predicts on an uploaded file; the predictions come back as a download. */
  'predict.upload': z
    .object({ runId: id, fileName: z.string().min(1).max(255), contentBase64: z.string().max(700_000_000) })
    .strict(),
  'predict.uploadFolder': uploadedFolder(200_000).extend({ runId: id }),
  'predict.text': z.object({ runId: id, text: z.string().max(100_000) }).strict(),
  'tag.text': z.object({ runId: id, text: z.string().max(20_000) }).strict(),
  /** Sequence to sequence: the output for a typed source, with the run's decoding. */
  'seq2seq.translate': z.object({ runId: id, text: z.string().max(10_000) }).strict(),
  'generate.text': z
    .object({
      runId: id,
      seed: z.string().max(10_000),
      length: z.number().int().min(1).max(5000),
      temperature: z.number().gt(0).max(5),
    })
    .strict(),

  // Projects, experiments and search.
  'project.current': z.undefined(),
  'project.new': z.undefined(),
  'project.open': z
    .object({
      path: filePath,
      /** Chosen by the renderer to follow unpacking through 'data.progress' and stop it with 'data.cancelImport'. */
      importId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  'project.save': z.object({ path: filePath.optional() }).strict(),
  /** Browser host: opens an uploaded .rsproj file. */
  'project.upload': z
    .object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(700_000_000) })
    .strict(),
  /** Browser host: saves the project (in the app's data folder if it has no place yet) and returns its file. */
  'project.download': z.undefined(),
  /** Records the forms' current spec in the project (autosaved). */
  'project.setSpec': z.object({ spec: z.unknown() }).strict(),
  'project.relink': z.object({ path: filePath }).strict(),
  'project.recent': z.undefined(),
  'samples.list': z.undefined(),
  'samples.open': z.object({ id }).strict(),
  'runs.delete': z.object({ runId: id }).strict(),
  'search.start': z
    .object({
      spec: z.unknown(),
      plan: z
        .object({
          mode: z.enum(['grid', 'random']),
          dimensions: z
            .array(
              z
                .object({
                  path: z.string().min(1).max(200),
                  values: z
                    .array(z.union([z.number(), z.string(), z.boolean()]))
                    .min(1)
                    .max(50)
                    .optional(),
                  range: z
                    .object({ min: z.number(), max: z.number(), log: z.boolean(), integer: z.boolean() })
                    .strict()
                    .optional(),
                })
                .strict(),
            )
            .min(1)
            .max(8),
          maxRuns: z.number().int().min(1).max(500),
          seed: z.number().int().min(0).default(1),
        })
        .strict(),
    })
    .strict(),
  /** An automatic search of the spec's forecast within a time budget (see search/automatic-search.ts). */
  'search.startAutomatic': z
    .object({ spec: z.unknown(), budgetSeconds: z.number().int().min(10).max(86_400) })
    .strict(),
  'search.cancel': z.object({ searchId: id }).strict(),
  'settings.get': z.undefined(),
  'settings.set': z
    .object({
      theme: z.enum(['system', 'light', 'dark']).optional(),
      defaultDataFolder: filePath.nullable().optional(),
      defaultExportFolder: filePath.nullable().optional(),
      trainingThreads: z.number().int().min(1).max(256).nullable().optional(),
    })
    .strict(),
} as const;

/** Result types, one per request channel. */
export interface RequestResults {
  'app.info': AppInfo;
  'data.inspect': DatasetSummary;
  'data.cancelImport': { ok: true };
  'data.upload': DatasetSummary;
  'data.uploadFolder': DatasetSummary;
  'data.rows': { rows: string[][]; total: number };
  'spec.suggest': ExperimentSpec;
  /**
   * `problems` in words (each names its field); `windows`: samples per split of the spec on its
   * data, null when the data is not open or cannot feed the task; `cautions`: sentences to show
   * beside results (a small test set). `ok` is false when training would be refused.
   */
  'spec.validate': { ok: boolean; problems: SpecProblem[]; windows?: SplitWindows | null; cautions?: string[] };
  'model.summary': ModelSummary;
  'train.start': { runId: string };
  'train.control': { ok: true };
  'runs.list': RunSummary[];
  'runs.get': RunResult;
  'model.save': { dir: string; files: string[] };
  'model.archive': { fileName: string; contentBase64: string };
  /** null when the user cancels the dialog. */
  'dialog.openDataFile': string | null;
  /** The chosen folder; null when the user cancels the dialog. */
  'dialog.openDataFolder': string | null;
  'dialog.chooseFolder': string | null;
  'dialog.saveFile': string | null;
  'dialog.openProject': string | null;
  'dialog.openKerasModel': string | null;
  'model.export': { files: string[] };
  'model.exportArchive': { fileName: string; contentBase64: string };
  'model.import': RunSummary;
  'model.upload': RunSummary;
  'model.importKeras': RunSummary;
  'model.uploadKeras': RunSummary;
  'model.importRay': RayImport;
  'model.uploadRay': RayImport;
  'forecast.future': FutureForecast;
  /** CSV text of the future forecast with interval columns (formulas neutralized). */
  'forecast.futureCsv': { fileName: string; csv: string };
  'backtest.run': BacktestReport;
  'explain.run': Explanation;
  'predict.file': BatchPrediction;
  /** The predictions, and the CSV written as a file to download. */
  'predict.upload': BatchPrediction & { download: FileDownload };
  'predict.uploadFolder': BatchPrediction & { download: FileDownload };
  'predict.text': ClassProbabilities;
  'tag.text': TaggedText;
  'generate.text': GeneratedText;
  'seq2seq.translate': Seq2seqOutput;
  'project.current': ProjectState;
  'project.new': ProjectState;
  'project.open': ProjectState;
  'project.save': ProjectState;
  'project.upload': ProjectState;
  'project.download': FileDownload;
  'project.setSpec': ProjectState;
  'project.relink': ProjectState;
  'project.recent': RecentProject[];
  'samples.list': SampleInfo[];
  'samples.open': ProjectState;
  'runs.delete': { ok: true };
  'search.start': { searchId: string };
  'search.startAutomatic': { searchId: string };
  'search.cancel': { ok: true };
  'settings.get': Settings;
  'settings.set': Settings;
}

export type RequestName = keyof typeof requestArgs;
export type RequestArgs<K extends RequestName> = z.input<(typeof requestArgs)[K]>;
export type RequestResult<K extends RequestName> = RequestResults[K];
export const REQUEST_NAMES = Object.keys(requestArgs) as RequestName[];

/** Streamed events from main to every window / browser client. */
export interface EventPayloads {
  'train.progress': TrainProgress;
  'train.epoch': EpochRecord;
  'train.finished': RunResult;
  'search.updated': SearchState;
  'project.changed': ProjectState;
  'data.progress': { importId: string; fraction: number; bytesRead: number };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = [
  'train.progress',
  'train.epoch',
  'train.finished',
  'search.updated',
  'project.changed',
  'data.progress',
];

/** What crosses the boundary for every request: never a raw exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: StudioErrorInfo };

export interface StudioErrorInfo {
  /** A sentence for the user: what went wrong and what to do. */
  message: string;
  code:
    | 'invalid-request'
    | 'invalid-spec'
    | 'not-found'
    | 'bad-data'
    | 'io'
    | 'unavailable'
    | 'internal'
    /** The user stopped the operation (e.g. 'data.cancelImport'); nothing was changed. */
    | 'cancelled';
  /** Field-level problems (spec validation). */
  problems?: SpecProblem[];
}

/** Raised in the renderer when a request fails; carries the main side's message. */
export class StudioError extends Error {
  readonly code: StudioErrorInfo['code'];
  readonly problems: SpecProblem[];
  constructor(info: StudioErrorInfo) {
    super(info.message);
    this.name = 'StudioError';
    this.code = info.code;
    this.problems = info.problems ?? [];
  }
}

/** What a host passes on to 'data.inspect' when the user picks a file. */
export type PickDataFileOptions = Pick<RequestArgs<'data.inspect'>, 'importId' | 'typeOverrides'>;

/**
 * The API object the renderer talks to. The Electron preload and the browser host client
 * each provide one; no component knows which.
 */
export interface StudioApi extends HostFiles {
  readonly host: 'electron' | 'browser';
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /**
   * Lets the user choose a data file and inspects it; null when they cancel. `importId` lets the
   * caller follow 'data.progress' and cancel with 'data.cancelImport'; `typeOverrides` reads the
   * file with the user's column types.
   */
  pickDataFile(options?: PickDataFileOptions): Promise<DatasetSummary | null>;
  /** Lets the user save a trained model (folder or download); returns where it went, null when cancelled. */
  saveModel(runId: string): Promise<string | null>;
}

export type { Task };
