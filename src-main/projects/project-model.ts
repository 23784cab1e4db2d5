/**
 * The project in memory: absolute paths, live run results and the dataset status. Turned into
 * the JSON-only ProjectState for the renderer, and into the file format by project-io.ts.
 */
import type { ExperimentSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import { summaryOf } from '../shared/run-summary';

export { summaryOf };
import type { ProjectState } from '../shared/types-project';
import type { DatasetStatus } from './dataset-hash';
import type { DatasetRefJson } from './project-format';

export const UNTITLED = 'Untitled project';

export interface ProjectModel {
  path: string | null;
  name: string;
  createdAt: string;
  updatedAt: string;
  dataset: DatasetRefJson | null;
  datasetStatus: DatasetStatus;
  spec: ExperimentSpec | null;
  description: string | null;
  /** Runs by id; `modelDir` is an absolute folder on this machine, or null. */
  runs: Map<string, RunResult>;
  dirty: boolean;
  savedAt: string | null;
}

/** A new, unsaved, empty project. */
export function emptyProject(now: Date): ProjectModel {
  const at = now.toISOString();
  return {
    path: null,
    name: UNTITLED,
    createdAt: at,
    updatedAt: at,
    dataset: null,
    datasetStatus: 'ok',
    spec: null,
    description: null,
    runs: new Map(),
    dirty: false,
    savedAt: null,
  };
}

/** What the renderer sees of a project. */
export function projectState(p: ProjectModel): ProjectState {
  return {
    path: p.path,
    name: p.name,
    dataset: p.dataset ? { path: p.dataset.path, sha256: p.dataset.sha256, status: p.datasetStatus } : null,
    spec: p.spec,
    runs: [...p.runs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).map(summaryOf),
    dirty: p.dirty,
    savedAt: p.savedAt,
    description: p.description,
  };
}
