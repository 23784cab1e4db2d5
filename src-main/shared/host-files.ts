/**
 * What users do with files, each host its own way: the desktop through its native dialogs and
 * paths on disk, the browser host through uploads and downloads (a web page can neither read
 * nor write paths). The renderer calls these and never asks which host answered.
 */
import type { DatasetSummary, RunSummary } from './types';
import type { BatchPrediction } from './types-model-use';
import type { ProjectState } from './types-project';
import type { RayImport } from './ray-trial-schema';

/** A batch prediction as the host delivered it. */
export type PredictedFile = BatchPrediction & {
  /** Browser host: the name the predictions were downloaded under (`file` is then null). */
  downloadedAs?: string;
};

export interface SaveProjectOptions {
  /** Ask where to save (Save as…, or a project never saved); otherwise save where it lives. */
  choosePlace: boolean;
  /** The file name offered first. */
  defaultName: string;
}

export interface HostFiles {
  /** How large a chosen file may be, as users read it; null where files are read from disk. */
  readonly uploadLimit: string | null;
  /** Lets the user choose a saved project and opens it (unpacking progress under `importId`); null when they cancel. */
  openProject(importId?: string): Promise<ProjectState | null>;
  /** Saves the open project (the browser hands it over as a download); null when they cancel. */
  saveProject(options: SaveProjectOptions): Promise<ProjectState | null>;
  /**
   * Lets the user choose a folder of labeled texts and imports it; null when they cancel.
   * `importId` lets the caller follow 'data.progress' where the host reads the folder from disk.
   */
  pickDataFolder(options?: { importId?: string }): Promise<DatasetSummary | null>;
  /** Lets the user choose a new data file and predicts it with the run; null when they cancel. */
  predictFile(runId: string): Promise<PredictedFile | null>;
  /**
   * Lets the user choose a folder of recordings (one CSV per sequence, as the model was trained
   * on) and classifies each with the run; null when they cancel.
   */
  predictFolder(runId: string): Promise<PredictedFile | null>;
  /** Lets the user locate the project's data file again; null when they cancel. */
  relinkData(): Promise<ProjectState | null>;
  /** Lets the user choose an exported TensorFlow.js model folder and adds it as a run; null when they cancel. */
  importModel(): Promise<RunSummary | null>;
  /**
   * Lets the user choose a Keras 3 .keras model (the desktop: the file, with preprocessing.json
   * beside it; the browser: the folder holding both) and imports it as a scored run; null when they cancel.
   */
  importKeras(): Promise<RunSummary | null>;
  /** Lets the user choose a Ray Tune results folder and imports its trials as runs; null when they cancel. */
  importRay(): Promise<RayImport | null>;
}
