/**
 * Every request of the contract, answered in one place for both hosts (Electron IPC and the
 * browser host's WebSocket). Payloads are validated against the contract before a handler
 * runs, and every outcome — value or failure — becomes an Envelope. Training runs in worker
 * threads; their events reach subscribers through `subscribe`.
 */
import { isAbsolute, join } from 'node:path';
import type { Envelope, RequestName } from '../shared/contract';
import { parseSpec } from '../shared/spec';
import type { ExperimentSpec } from '../shared/spec';
import type { AppInfo, DatasetSummary } from '../shared/types';
import { findContinueSource, type ContinueSource } from '../engine/training/continue-source';
import { suggestSpec } from '../experiment/suggest-spec';
import { ProjectService } from '../projects/project-service';
import { SearchRunner } from '../search/search-runner';
import { planAutomatic } from '../search/automatic-plan';
import { searchSeries } from '../search/search-series';
import { SettingsStore } from '../settings/settings-store';
import type { JobRunner } from '../worker/jobs';
import { DatasetRegistry } from './dataset-registry';
import { defaultDeps } from './default-deps';
import { exportBaseName, exportHandlers } from './export-handlers';
import { browserFileHandlers } from './browser-file-handlers';
import { archiveModel, saveModelTo } from './model-export';
import { modelUseHandlers } from './model-use-handlers';
import { projectHandlers } from './project-handlers';
import { ProjectOpenings } from './project-openings';
import { RunManager } from './run-manager';
import { RunStore } from './run-store';
import { failure, success } from './envelope';
import { ServiceError, invalidSpec } from '../shared/service-error';
import { applyTrainingThreads } from './thread-settings';
import { refuseUnready, validateSpec } from './spec-checks';
import { storeUpload } from './upload';
import { validateRequest } from './validate-request';
import { isDialogChannel } from '../shared/dialog-channels';
import type { HandlerMap, RequestHandler, StudioEvent, StudioEventListener, StudioServiceDeps } from './service-types';
import { messageOf } from '../shared/error-message';

export interface StudioServiceOptions {
  /** Folder for uploads and runs (Electron: app.getPath('userData')). */
  dataDir: string;
  host: 'electron' | 'browser';
  version: string;
  /** Folder of the sample projects (default: the installation's samples folder). */
  samplesDir?: string;
  /** Delay before an edited project autosaves (tests shorten it). */
  autosaveDelayMs?: number;
}

function unavailable(name: RequestName): ServiceError {
  if (isDialogChannel(name)) {
    return new ServiceError(
      'unavailable',
      'File dialogs exist only in the desktop app; in the browser, files upload and download instead.',
    );
  }
  return new ServiceError('unavailable', `"${name}" is not available in this version of Recurrent Studio.`);
}

export class StudioService {
  private readonly deps: StudioServiceDeps;
  private readonly datasets: DatasetRegistry;
  private readonly openings = new ProjectOpenings();
  private readonly runs: RunStore;
  private readonly runsLoaded: Promise<void>;
  private readonly manager: RunManager;
  private readonly listeners = new Set<StudioEventListener>();
  private readonly projects: ProjectService;
  private readonly search: SearchRunner;
  private readonly settings: SettingsStore;
  /** Settles once the saved thread setting is in the environment (before TensorFlow first loads). */
  private readonly settingsApplied: Promise<void>;

  constructor(
    private readonly options: StudioServiceOptions,
    deps: Partial<StudioServiceDeps> = {},
  ) {
    this.deps = { ...defaultDeps(), ...deps };
    this.datasets = new DatasetRegistry(this.deps.loadTable);
    this.runs = new RunStore(join(options.dataDir, 'runs'));
    this.runsLoaded = this.runs.load();
    this.manager = new RunManager({
      store: this.runs,
      launch: this.deps.launchRun,
      backend: async () => (await this.deps.backendInfo()).backend,
      emit: (event) => this.emit(event),
      progressIntervalMs: this.deps.progressIntervalMs,
    });
    // Surfaced by the run requests that await it; avoid an unhandled rejection meanwhile.
    this.runsLoaded.catch(() => undefined);

    this.settings = new SettingsStore(options.dataDir);
    this.settingsApplied = this.settings.get().then(
      (s) => applyTrainingThreads(s.trainingThreads),
      () => undefined,
    );
    this.projects = new ProjectService({
      dataDir: options.dataDir,
      samplesDir: options.samplesDir,
      autosaveDelayMs: options.autosaveDelayMs,
      unpack: this.deps.unpackProject,
      onRunRestored: (run) => this.runs.put(run),
    });
    this.projects.onChange((payload) => this.emit({ event: 'project.changed', payload }));
    // Every run, started here or by a search, belongs to the open project (autosave keeps it).
    this.subscribe(({ event, payload }) => {
      if (event === 'train.finished') this.projects.addRun(payload, this.runs.runDir(payload.runId));
    });

    const runJob: JobRunner = async (job, log) => {
      await this.settingsApplied;
      return this.deps.runJob(job, log);
    };
    this.search = new SearchRunner({
      runOne: (spec, runId, signal) => this.trainAndWait(spec, runId, signal),
      onUpdate: (payload) => this.emit({ event: 'search.updated', payload }),
      automatic: {
        // Planning reads the series here (as checking a spec does); every training goes to a worker.
        plan: async (spec) => planAutomatic(await searchSeries(spec), spec),
        score: (spec, stretches, epochs) => runJob({ name: 'search.score', args: { spec, stretches, epochs } }),
        runFinal: (spec, runId, signal, verdict) => this.trainAndWait(spec, runId, signal, verdict),
        now: () => Date.now(),
      },
    });
    const run = async (runId: string) => {
      await this.runsLoaded;
      const found = this.runs.get(runId);
      // The finished state may still be on its way to run.json, which the model readers open.
      await this.manager.flushed();
      return found;
    };
    const modelUse = modelUseHandlers({ run, runDir: (runId) => this.runs.runDir(runId), runJob });
    this.registerAll(modelUse);
    const exporting = exportHandlers({
      run,
      store: this.runs,
      runJob,
      backend: async () => (await this.deps.backendInfo()).backend,
      onImported: (imported) => this.projects.addRun(imported, this.runs.runDir(imported.runId)),
    });
    this.registerAll(exporting);
    this.registerAll(
      projectHandlers({
        projects: this.projects,
        search: this.search,
        settings: this.settings,
        activeRuns: () => this.manager.activeCount,
        runsLoaded: this.runsLoaded,
        openings: this.openings,
        reportProgress: (payload) => this.emit({ event: 'data.progress', payload }),
      }),
    );
    this.registerAll(
      browserFileHandlers({
        dataDir: options.dataDir,
        projects: this.projects,
        runsLoaded: this.runsLoaded,
        predictFile: async (runId, path, output) => {
          const predict = modelUse['predict.file'];
          if (!predict) throw unavailable('predict.file');
          return predict({ runId, path, output });
        },
        openDataset: (path) => this.datasets.open(path),
        importModel: async (dir) => {
          const importModel = exporting['model.import'];
          if (!importModel) throw unavailable('model.import');
          return importModel({ dir });
        },
        importKeras: async (file, preprocessing) => {
          const importKeras = exporting['model.importKeras'];
          if (!importKeras) throw unavailable('model.importKeras');
          return importKeras({ file, preprocessing });
        },
        importRay: async (dir) => {
          const importRay = exporting['model.importRay'];
          if (!importRay) throw unavailable('model.importRay');
          return importRay({ dir });
        },
      }),
    );
  }

  /** Answers one request; never throws. */
  async handle(name: string, rawArgs: unknown): Promise<Envelope<unknown>> {
    try {
      const request = validateRequest(name, rawArgs);
      const handler = this.handlers[request.name] as ((args: unknown) => Promise<unknown>) | undefined;
      if (!handler) throw unavailable(request.name);
      return success(await handler(request.args));
    } catch (err) {
      return failure(err);
    }
  }

  /**
   * Adds (or replaces) the handler of a channel, for features that live outside this class
   * (exports, projects, searches). Its arguments arrive validated.
   */
  registerHandler<K extends RequestName>(name: K, handler: RequestHandler<K>): void {
    (this.handlers as Record<string, unknown>)[name] = handler;
  }

  private registerAll(map: HandlerMap): void {
    for (const [name, handler] of Object.entries(map)) {
      (this.handlers as Record<string, unknown>)[name] = handler;
    }
  }

  /** The saved weights of run `runId` to continue from; refuses runs that left none. */
  private async continueSource(runId: string): Promise<ContinueSource> {
    const from = this.runs.get(runId);
    if (this.manager.isActive(runId)) {
      throw new ServiceError('invalid-request', `The run "${from.name}" is still training. Wait for it to finish.`);
    }
    // Imported models come without history: their epoch count is unknown, not zero.
    const epochs = from.history.length > 0 ? from.history.length : null;
    const source = await findContinueSource(runId, this.runs.runDir(runId), from.modelDir, epochs);
    if (!source) {
      throw new ServiceError(
        'invalid-request',
        `The run "${from.name}" left no saved model to continue from. Train it again from scratch.`,
      );
    }
    return source;
  }

  /**
   * Trains one spec of a search under the id the search chose; cancels it when `signal` aborts.
   * `verdictNote` goes before the run's verdict (an automatic search's winner).
   */
  private async trainAndWait(spec: ExperimentSpec, runId: string, signal: AbortSignal, verdictNote?: string) {
    await this.runsLoaded;
    await this.settingsApplied;
    const started = await this.manager.start(spec, runId, undefined, verdictNote);
    this.projects.addRun(this.runs.get(started.runId), this.runs.runDir(started.runId));
    const stop = () => {
      if (this.manager.isActive(started.runId)) this.manager.control(started.runId, 'cancel');
    };
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    try {
      return await this.manager.finished(started.runId);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Subscribes to training events; returns the unsubscribe function. */
  subscribe(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the runs of earlier sessions have been read. */
  ready(): Promise<void> {
    return this.runsLoaded;
  }

  /**
   * Cancels the search and active runs (app quit), waits for run files and the project's
   * autosave to be written, and stops background jobs.
   */
  async dispose(): Promise<void> {
    const searching = this.search.state();
    if (searching?.status === 'running') this.search.cancel(searching.searchId);
    await this.manager.dispose();
    await this.projects.flush().catch(() => undefined);
    this.projects.dispose();
    await this.deps.stopJobs();
  }

  private emit(event: StudioEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed window or socket) must not starve the others.
      }
    }
  }

  private readonly handlers: HandlerMap = {
    'app.info': async () => this.appInfo(),
    'data.inspect': async ({ path, sheet, typeOverrides, importId }) => {
      if (!isAbsolute(path))
        throw new ServiceError('invalid-request', `The data file path must be absolute: "${path}".`);
      return this.datasets.open(path, sheet ?? null, {
        typeOverrides,
        importId,
        onProgress:
          importId === undefined
            ? undefined
            : (progress) => this.emit({ event: 'data.progress', payload: { importId, ...progress } }),
      });
    },
    'data.cancelImport': async ({ importId }) => {
      // Answers ok even when the import already ended: the user's wish (no import running) holds.
      this.datasets.cancelImport(importId);
      this.openings.cancel(importId);
      return { ok: true as const };
    },
    'data.upload': async ({ fileName, contentBase64 }) => {
      const path = await storeUpload(this.options.dataDir, fileName, contentBase64);
      return this.datasets.open(path);
    },
    'data.rows': async ({ datasetId, offset, limit }) => this.datasets.rows(datasetId, offset, limit),
    'spec.suggest': async ({ datasetId, task, target }) => {
      const summary = this.datasets.summary(datasetId);
      try {
        return suggestSpec(summary, { task, target });
      } catch (err) {
        throw new ServiceError('bad-data', messageOf(err));
      }
    },
    'spec.validate': async ({ spec }) => validateSpec(spec, (file) => this.datasets.tableByPath(file)),
    'model.summary': async ({ spec }) => {
      const parsed = parseSpec(spec);
      if (!parsed.ok) throw invalidSpec(parsed.problems);
      await this.settingsApplied;
      return this.deps.summarizeModel(parsed.spec, this.datasetFor(parsed.spec.data.file));
    },
    'train.start': async ({ spec, continueFrom }) => {
      const parsed = parseSpec(spec);
      if (!parsed.ok) throw invalidSpec(parsed.problems);
      refuseUnready(parsed.spec, (file) => this.datasets.tableByPath(file));
      if (this.search.busy) {
        throw new ServiceError(
          'invalid-request',
          'A search is running. Cancel it or wait for it to finish, then train.',
        );
      }
      await this.runsLoaded;
      await this.settingsApplied;
      const source = continueFrom === undefined ? undefined : await this.continueSource(continueFrom);
      const started = await this.manager.start(parsed.spec, undefined, source);
      this.projects.addRun(this.runs.get(started.runId), this.runs.runDir(started.runId));
      return started;
    },
    'train.control': async ({ runId, action }) => {
      await this.runsLoaded;
      this.manager.control(runId, action);
      return { ok: true as const };
    },
    'runs.list': async () => {
      await this.runsLoaded;
      return this.runs.list();
    },
    'runs.get': async ({ runId }) => {
      await this.runsLoaded;
      return this.runs.get(runId);
    },
    'runs.delete': async ({ runId }) => {
      await this.runsLoaded;
      if (this.manager.isActive(runId)) {
        throw new ServiceError('invalid-request', 'This run is still training. Cancel it before deleting it.');
      }
      await this.runs.delete(runId);
      this.projects.deleteRun(runId);
      return { ok: true as const };
    },
    'model.save': async ({ runId, dir }) => {
      if (!isAbsolute(dir))
        throw new ServiceError('invalid-request', `The destination folder must be absolute: "${dir}".`);
      return saveModelTo(await this.modelDirOf(runId), dir);
    },
    'model.archive': async ({ runId }) => {
      const modelDir = await this.modelDirOf(runId);
      const zip = await archiveModel(modelDir);
      return {
        fileName: `${exportBaseName(this.runs.get(runId).name)}.zip`,
        contentBase64: Buffer.from(zip).toString('base64'),
      };
    },
  };

  private async appInfo(): Promise<AppInfo> {
    await this.settingsApplied;
    const { backend, note } = await this.deps.backendInfo();
    return {
      version: this.options.version,
      backend,
      backendNote: note,
      host: this.options.host,
      platform: process.platform,
    };
  }

  /** The open dataset read from `file`, if any (gives class counts to the model preview). */
  private datasetFor(file: string): DatasetSummary | null {
    return this.datasets.findByPath(file);
  }

  private async modelDirOf(runId: string): Promise<string> {
    await this.runsLoaded;
    const run = this.runs.get(runId);
    if (!run.modelDir) {
      throw new ServiceError('not-found', `The run "${run.name}" has no trained model to save (it is ${run.status}).`);
    }
    return run.modelDir;
  }
}
