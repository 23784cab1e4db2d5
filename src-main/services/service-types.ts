/**
 * The shapes the request service is assembled from: its replaceable dependencies, the events
 * it publishes and the handler maps feature modules contribute.
 */
import type { ProjectUnpacker } from '../projects/project-archive';
import type { z } from 'zod';
import type { EventName, EventPayloads, RequestName, RequestResult, requestArgs } from '../shared/contract';
import type { ExperimentSpec } from '../shared/spec';
import type { Backend, DatasetSummary, ModelSummary } from '../shared/types';
import type { JobRunner } from '../worker/jobs';
import type { TableLoader } from './dataset-registry';
import type { RunLauncher } from './run-launcher';

/** The parts of the service that touch TensorFlow, files and workers; tests replace them. */
export interface StudioServiceDeps {
  loadTable: TableLoader;
  launchRun: RunLauncher;
  summarizeModel: (spec: ExperimentSpec, dataset: DatasetSummary | null) => Promise<ModelSummary>;
  backendInfo: () => Promise<{ backend: Backend; note: string | null }>;
  /** Minimum time between two progress events of one run. */
  progressIntervalMs: number;
  /** Runs work with trained models (forecasts, backtests, exports…) off the main thread. */
  runJob: JobRunner;
  /** Stops the machinery behind runJob (app quit). */
  stopJobs: () => Promise<void>;
  /** Verifies and unpacks a project file's bytes (in a worker thread in the app). */
  unpackProject: ProjectUnpacker;
}

/** One event as it goes to subscribers (and over the browser host's WebSocket). */
export type StudioEvent = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName];
export type StudioEventListener = (event: StudioEvent) => void;

/** A request's arguments after validation (defaults filled in). */
export type ParsedArgs<K extends RequestName> = z.output<(typeof requestArgs)[K]>;
/** Answers one request channel; throw a ServiceError (or DataError) to fail with a specific code. */
export type RequestHandler<K extends RequestName> = (args: ParsedArgs<K>) => Promise<RequestResult<K>>;
/** Handlers by channel, as feature modules contribute them. */
export type HandlerMap = { [K in RequestName]?: RequestHandler<K> };
