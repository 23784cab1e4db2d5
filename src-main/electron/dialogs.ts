/** The native dialogs the desktop app offers (the browser host answers these as unavailable). */
import { basename, join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/** Asks for a data file (starting in `defaultPath` when given); null when the user cancels. */
export async function openDataFileDialog(parent: BrowserWindow | null, defaultPath?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open data',
    defaultPath,
    properties: ['openFile'],
    filters: [
      { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json', 'jsonl', 'conll', 'conllu'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * Asks for a folder of labeled texts (one subfolder per label, one .txt file per text) or of
 * paired files (train.en + train.fr, 001.src + 001.tgt), starting in `defaultPath` when given; null when the user cancels.
 */
export async function openDataFolderDialog(parent: BrowserWindow | null, defaultPath?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open a folder of labeled texts or of pairs',
    defaultPath,
    buttonLabel: 'Open folder',
    properties: ['openDirectory'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Asks for a folder (to save a model into); null when the user cancels. */
export async function chooseFolderDialog(
  parent: BrowserWindow | null,
  title?: string,
  defaultPath?: string,
): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: title ?? 'Choose a folder',
    defaultPath,
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Asks where to save a file (proposing `defaultName` in `defaultDir` when given); null when the user cancels. */
export async function saveFileDialog(
  parent: BrowserWindow | null,
  request: { title?: string; defaultName: string; extensions: string[] },
  defaultDir?: string,
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: request.title ?? 'Save',
    defaultPath: defaultDir ? join(defaultDir, basename(request.defaultName)) : request.defaultName,
    filters: request.extensions.length ? [{ name: request.extensions.join(', '), extensions: request.extensions }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Asks for a project file; null when the user cancels. */
export async function openProjectDialog(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open project',
    properties: ['openFile'],
    filters: [
      { name: 'Recurrent Studio projects', extensions: ['rsproj', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Asks for a Keras 3 model file (a training project's output/model.keras); null when the user cancels. */
export async function openKerasModelDialog(parent: BrowserWindow | null, defaultPath?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import a Keras model',
    defaultPath,
    properties: ['openFile'],
    filters: [
      { name: 'Keras 3 models', extensions: ['keras'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
