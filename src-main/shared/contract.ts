/**
 * The one contract between the renderer and main. Every request maps to a zod schema for
 * its argument (main validates every payload with it) and a result type; every streamed
 * event maps to its payload type. The Electron preload, the IPC wiring in main, the
 * browser host (HTTP + WebSocket) and the renderer's API object are all typed from here.
 */
import { z } from 'zod';
import type { ExperimentSpec, SpecProblem, Task } from './spec';
import { TASKS } from './spec';
import type {
  AppInfo,
  DatasetSummary,
  EpochRecord,
  ModelSummary,
  RunResult,
  RunSummary,
  TrainProgress,
} from './types';

const id = z.string().min(1).max(200);
const filePath = z.string().min(1).max(4096);

/** Argument schemas, one per request channel. */
export const requestArgs = {
  'app.info': z.undefined(),
  'data.inspect': z.object({ path: filePath, sheet: z.string().max(200).nullable().optional() }).strict(),
  /** Browser host: the user's file arrives as bytes; main stores it in the uploads folder. */
  'data.upload': z
    .object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(700_000_000) })
    .strict(),
  'data.rows': z
    .object({ datasetId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) })
    .strict(),
  'spec.suggest': z.object({ datasetId: id, task: z.enum(TASKS).optional(), target: z.string().optional() }).strict(),
  'spec.validate': z.object({ spec: z.unknown() }).strict(),
  'model.summary': z.object({ spec: z.unknown() }).strict(),
  'train.start': z.object({ spec: z.unknown() }).strict(),
  'train.control': z.object({ runId: id, action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
  'runs.list': z.undefined(),
  'runs.get': z.object({ runId: id }).strict(),
  'model.save': z.object({ runId: id, dir: filePath }).strict(),
  /** The trained model and its preprocessing as one zip, for hosts that download files. */
  'model.archive': z.object({ runId: id }).strict(),
  'dialog.openDataFile': z.undefined(),
  'dialog.chooseFolder': z.object({ title: z.string().max(200).optional() }).strict(),
} as const;

/** Result types, one per request channel. */
export interface RequestResults {
  'app.info': AppInfo;
  'data.inspect': DatasetSummary;
  'data.upload': DatasetSummary;
  'data.rows': { rows: string[][]; total: number };
  'spec.suggest': ExperimentSpec;
  'spec.validate': { ok: boolean; problems: SpecProblem[] };
  'model.summary': ModelSummary;
  'train.start': { runId: string };
  'train.control': { ok: true };
  'runs.list': RunSummary[];
  'runs.get': RunResult;
  'model.save': { dir: string; files: string[] };
  'model.archive': { fileName: string; contentBase64: string };
  /** null when the user cancels the dialog. */
  'dialog.openDataFile': string | null;
  'dialog.chooseFolder': string | null;
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
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = ['train.progress', 'train.epoch', 'train.finished'];

/** What crosses the boundary for every request: never a raw exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: StudioErrorInfo };

export interface StudioErrorInfo {
  /** A sentence for the user: what went wrong and what to do. */
  message: string;
  code: 'invalid-request' | 'invalid-spec' | 'not-found' | 'bad-data' | 'io' | 'unavailable' | 'internal';
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

/**
 * The API object the renderer talks to. The Electron preload and the browser host client
 * each provide one; no component knows which.
 */
export interface StudioApi {
  readonly host: 'electron' | 'browser';
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** Lets the user choose a data file and inspects it; null when they cancel. */
  pickDataFile(): Promise<DatasetSummary | null>;
  /** Lets the user save a trained model (folder or download); returns where it went, null when cancelled. */
  saveModel(runId: string): Promise<string | null>;
}

export type { Task };
