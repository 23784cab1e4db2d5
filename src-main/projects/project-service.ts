/**
 * The open project: what the 'project.*' and 'samples.*' channels answer. Holds the spec
 * being edited, the runs made in it and its data file reference; saves to one `.rsproj`
 * file (autosaved once a path is known) and tells listeners after every change.
 */
import { basename, extname, isAbsolute, join } from 'node:path';
import { parseSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import type { ProjectState, RecentProject, SampleInfo } from '../shared/types-project';
import { APP_VERSION } from '../shared/version';
import { invalidSpec, ServiceError } from '../shared/service-error';
import { AUTOSAVE_DELAY_MS, DebouncedSaver } from './autosave';
import { checkDataset, datasetRefFor } from './dataset-hash';
import type { ProjectWriteHooks } from './project-io';
import { PROJECT_EXTENSION } from './project-format';
import { encodeProject, fileStamp, openCancelled, readProjectFile, restoreRuns, writeProjectFile } from './project-io';
import type { BoundedUnzipOptions } from './project-unzip';
import type { ProjectUnpacker } from './project-archive';
import { emptyProject, projectState, type ProjectModel } from './project-model';
import { RecentProjects } from './recent-projects';
import { defaultSamplesDir, listSamples, openSample } from './samples';

export interface ProjectServiceOptions {
  /** The app's data folder: runs of opened projects go to `<dataDir>/runs`, the recent list beside. */
  dataDir: string;
  /** Folder of the sample projects; defaults to the packaged or development samples folder. */
  samplesDir?: string;
  autosaveDelayMs?: number;
  /** Called for each run an opened project brings, so the app's run store knows it. */
  onRunRestored?: (run: RunResult) => void | Promise<void>;
  /** Called when an autosave fails (the project stays dirty and the next change retries). */
  onAutosaveError?: (err: unknown) => void;
  /** Test seam for injected write failures. */
  writeHooks?: ProjectWriteHooks;
  /**
   * How project bytes are verified and unpacked. The app passes its worker thread
   * (worker/project-unpack-client.ts), so a large project never freezes a window or socket;
   * without one they unpack in place, in steps.
   */
  unpack?: ProjectUnpacker;
  now?: () => Date;
}

export type ProjectListener = (state: ProjectState) => void;

/** How a caller follows and stops a project open. */
export type OpenControls = Pick<BoundedUnzipOptions, 'onProgress' | 'signal'>;

/** One open project at a time, mirrored to its file. */
export class ProjectService {
  private project: ProjectModel;
  private readonly listeners = new Set<ProjectListener>();
  private readonly recentList: RecentProjects;
  private readonly saver: DebouncedSaver;
  private readonly now: () => Date;
  /** Size and time of the file this project last read or wrote (see writeProjectFile). */
  private stamp: string | null = null;
  /** Saves one after another, so an older state never lands after a newer one. */
  private saveChain: Promise<unknown> = Promise.resolve();
  /** Counts changes, so a save knows whether the state it wrote is still the latest. */
  private revision = 0;

  constructor(private readonly options: ProjectServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.project = emptyProject(this.now());
    this.recentList = new RecentProjects(join(options.dataDir, 'recent-projects.json'), this.now);
    this.saver = new DebouncedSaver(
      () => this.autosave(),
      options.autosaveDelayMs ?? AUTOSAVE_DELAY_MS,
      options.onAutosaveError,
    );
  }

  /** Subscribes to 'project.changed'; returns the unsubscribe function. */
  onChange(listener: ProjectListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  current(): ProjectState {
    return projectState(this.project);
  }

  /** A run of the open project with its absolute model folder, if it belongs to the project. */
  run(runId: string): RunResult | undefined {
    return this.project.runs.get(runId);
  }

  /** Saves pending changes of the current project, then starts an empty one. */
  async newProject(): Promise<ProjectState> {
    await this.saver.flush();
    this.replace(emptyProject(this.now()), null);
    return this.current();
  }

  /**
   * Opens a `.rsproj` file: verifies it completely before anything changes, restores its runs
   * into the app's runs folder and checks its data file. A file that cannot be read leaves
   * the current project open and the file untouched. Unpacking reports progress and stops on
   * `controls.signal`; a cancel that arrives before the runs are restored leaves nothing behind.
   */
  async open(path: string, controls: OpenControls = {}): Promise<ProjectState> {
    requireAbsolute(path);
    const unpacked = await readProjectFile(path, controls, this.options.unpack);
    // Nothing is written before this point: a cancel now still leaves the app as it was.
    if (controls.signal?.aborted) throw openCancelled(path);
    const stamp = await fileStamp(path);
    await this.saver.flush();
    const runs = await restoreRuns(path, unpacked, join(this.options.dataDir, 'runs'));
    for (const run of runs) await this.options.onRunRestored?.(run);
    const { json } = unpacked;
    const project: ProjectModel = {
      path,
      name: json.name,
      createdAt: json.createdAt,
      updatedAt: json.updatedAt,
      dataset: json.dataset,
      datasetStatus: json.dataset ? await checkDataset(json.dataset) : 'ok',
      spec: json.spec,
      description: json.description,
      runs: new Map(runs.map((r) => [r.runId, r])),
      // Runs saved mid-training now read 'interrupted': the file should learn that too.
      dirty: json.runs.some((r) => r.status === 'running'),
      savedAt: json.updatedAt,
    };
    this.replace(project, stamp);
    if (project.dirty) this.saver.schedule();
    await this.recentList.touch(path, json.name);
    return this.current();
  }

  /** The sample projects on the start screen. */
  async samples(): Promise<SampleInfo[]> {
    return listSamples(this.samplesDir());
  }

  /** Opens a sample as a new unsaved project whose spec points at the sample's data file. */
  async openSample(id: string): Promise<ProjectState> {
    const sample = await openSample(this.samplesDir(), id);
    await this.saver.flush();
    const project = emptyProject(this.now());
    project.name = sample.title;
    project.description = sample.description;
    project.spec = sample.spec;
    project.dataset = await datasetRefFor(sample.spec.data.file, sample.spec.data.sheet);
    project.datasetStatus = project.dataset.sha256 ? 'ok' : 'missing';
    this.replace(project, null);
    return this.current();
  }

  /**
   * Saves to `path` (save as) or to the project's own path. The previous file stays intact if
   * anything fails; a file at `path` that is not a readable project is never overwritten.
   */
  async save(path?: string): Promise<ProjectState> {
    let target = path ?? this.project.path;
    if (!target) {
      throw new ServiceError('invalid-request', 'Choose where to save this project first (Save as…).');
    }
    requireAbsolute(target);
    if (extname(target).toLowerCase() !== PROJECT_EXTENSION) target += PROJECT_EXTENSION;
    this.saver.cancel();
    const saveAs = target !== this.project.path;
    await this.writeTo(target, saveAs ? basename(target, extname(target)) : this.project.name);
    await this.recentList.touch(target, this.project.name);
    return this.current();
  }

  /** Records the forms' spec; follows a new data file with a fresh content hash. */
  async setSpec(raw: unknown): Promise<ProjectState> {
    const parsed = parseSpec(raw);
    if (!parsed.ok) throw invalidSpec(parsed.problems);
    const spec = parsed.spec;
    const p = this.project;
    const ref = p.dataset;
    if (!ref || ref.path !== spec.data.file || ref.sheet !== spec.data.sheet) {
      p.dataset = await datasetRefFor(spec.data.file, spec.data.sheet);
      p.datasetStatus = p.dataset.sha256 ? 'ok' : 'missing';
    }
    p.spec = spec;
    this.changed();
    return this.current();
  }

  /** Points the project at its data file's new place (or a new version of it) and accepts its content. */
  async relink(path: string): Promise<ProjectState> {
    requireAbsolute(path);
    const sheet = this.project.dataset?.sheet ?? this.project.spec?.data.sheet ?? null;
    const ref = await datasetRefFor(path, sheet);
    if (!ref.sha256)
      throw new ServiceError('not-found', `The file "${path}" cannot be read. Choose the data file again.`);
    const p = this.project;
    p.dataset = ref;
    p.datasetStatus = 'ok';
    if (p.spec) p.spec = { ...p.spec, data: { ...p.spec.data, file: path } };
    this.changed();
    return this.current();
  }

  async recent(): Promise<RecentProject[]> {
    return this.recentList.list();
  }

  /**
   * Adds or updates a run of this project (the dispatcher calls it when a run starts and when
   * it finishes). `runDir` is the run's folder; the model is read from `result.modelDir`
   * or, when that is unset, from `<runDir>/model` if the run completed.
   */
  addRun(result: RunResult, runDir: string): ProjectState {
    const modelDir = result.modelDir ?? (result.status === 'completed' ? join(runDir, 'model') : null);
    this.project.runs.set(result.runId, { ...result, modelDir });
    this.changed();
    return this.current();
  }

  /** Removes a run from the project; false when it was not part of it. */
  deleteRun(runId: string): boolean {
    if (!this.project.runs.delete(runId)) return false;
    this.changed();
    return true;
  }

  /** Writes pending autosaves (app quit). */
  async flush(): Promise<void> {
    await this.saver.flush();
    await this.saveChain.catch(() => undefined);
  }

  /** Stops the autosave timer without saving. */
  dispose(): void {
    this.saver.cancel();
    this.listeners.clear();
  }

  private samplesDir(): string {
    return this.options.samplesDir ?? defaultSamplesDir();
  }

  private replace(project: ProjectModel, stamp: string | null): void {
    this.saver.cancel();
    this.project = project;
    this.stamp = stamp;
    this.emit();
  }

  private changed(): void {
    this.revision++;
    this.project.dirty = true;
    this.project.updatedAt = this.now().toISOString();
    if (this.project.path) this.saver.schedule();
    this.emit();
  }

  private async autosave(): Promise<void> {
    const path = this.project.path;
    if (path && this.project.dirty) await this.writeTo(path, this.project.name);
  }

  /** Encodes the current state and writes it; only the state that was written is marked clean. */
  private writeTo(path: string, name: string): Promise<void> {
    const job = this.saveChain
      .catch(() => undefined)
      .then(async () => {
        const project = this.project;
        const savedAt = this.now().toISOString();
        const revision = this.revision;
        const bytes = await encodeProject({ ...project, name }, APP_VERSION, savedAt);
        await writeProjectFile(
          path,
          bytes,
          path === project.path ? this.stamp : null,
          this.options.writeHooks,
          this.options.unpack,
        );
        if (this.project !== project) return;
        project.path = path;
        project.name = name;
        project.savedAt = savedAt;
        this.stamp = await fileStamp(path);
        // A change that arrived while writing keeps the project dirty for the next autosave.
        project.dirty = this.revision !== revision;
        this.emit();
      });
    this.saveChain = job;
    return job;
  }

  private emit(): void {
    const state = this.current();
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch {
        // A closed window's listener must not stop the others.
      }
    }
  }
}

function requireAbsolute(path: string): void {
  if (!isAbsolute(path)) throw new ServiceError('invalid-request', `The project path must be absolute: "${path}".`);
}
