/**
 * The desktop's side of the host's file actions: each opens a native dialog, and the path the
 * user chose goes to the request that reads or writes it. A cancelled dialog answers null.
 */
import type { RequestArgs, RequestName, RequestResult } from './contract';
import type { HostFiles } from './host-files';

type Request = <K extends RequestName>(name: K, args: RequestArgs<K>) => Promise<RequestResult<K>>;

/** The file actions of the desktop app, over the preload's request function. */
export function desktopFiles(request: Request): HostFiles {
  /** Runs `then` on the dialog's path, or answers null when the user cancelled. */
  const chosen = async <T>(dialog: Promise<string | null>, then: (path: string) => Promise<T>): Promise<T | null> => {
    const path = await dialog;
    return path === null ? null : then(path);
  };
  return {
    uploadLimit: null,
    openProject: (importId) =>
      chosen(request('dialog.openProject', undefined), (path) => request('project.open', { path, importId })),
    saveProject: ({ choosePlace, defaultName }) =>
      choosePlace
        ? chosen(request('dialog.saveFile', { title: 'Save project', defaultName, extensions: ['rsproj'] }), (path) =>
            request('project.save', { path }),
          )
        : request('project.save', {}),
    pickDataFolder: (options) =>
      chosen(request('dialog.openDataFolder', undefined), (path) => request('data.inspect', { path, ...options })),
    predictFile: (runId) =>
      chosen(request('dialog.openDataFile', undefined), (path) => request('predict.file', { runId, path })),
    predictFolder: (runId) =>
      chosen(request('dialog.openDataFolder', undefined), (path) => request('predict.file', { runId, path })),
    relinkData: () => chosen(request('dialog.openDataFile', undefined), (path) => request('project.relink', { path })),
    importModel: () =>
      chosen(request('dialog.chooseFolder', { title: 'Choose an exported TensorFlow.js model folder' }), (dir) =>
        request('model.import', { dir }),
      ),
    importKeras: () =>
      chosen(request('dialog.openKerasModel', undefined), (file) => request('model.importKeras', { file })),
    importRay: () =>
      chosen(request('dialog.chooseFolder', { title: 'Choose the results folder of a Ray Tune search' }), (dir) =>
        request('model.importRay', { dir }),
      ),
  };
}
