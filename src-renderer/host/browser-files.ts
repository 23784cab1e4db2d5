/**
 * The browser host's side of the host's file actions, the way a web app handles files: inputs
 * are uploads (a project, a file to predict, a folder of texts or a model), outputs are
 * downloads (the project file, the predictions). Nothing asks for a path on the server.
 */
import type { RequestArgs, RequestName, RequestResult } from '../../src-main/shared/contract';
import type { HostFiles } from '../../src-main/shared/host-files';
import { UPLOAD_LIMIT_LABEL } from '../../src-main/shared/upload-limit';
import { downloadBase64 } from '../utils/download';
import { DATA_FILE_ACCEPT, PROJECT_FILE_ACCEPT } from './accepted-files';
import { chooseFile, chooseFolder } from './file-chooser';
import { uploadBase64, uploadFolder } from './upload-bytes';

type Request = <K extends RequestName>(name: K, args: RequestArgs<K>) => Promise<RequestResult<K>>;

/** The chosen file's name and bytes, or null when the user cancelled the chooser. */
async function uploadChosen(accept: string): Promise<{ fileName: string; contentBase64: string } | null> {
  const file = await chooseFile(accept);
  return file ? { fileName: file.name, contentBase64: await uploadBase64(file) } : null;
}

/** The file actions of the browser host, over its request function. */
export function browserFiles(request: Request): HostFiles {
  return {
    uploadLimit: UPLOAD_LIMIT_LABEL,
    async openProject() {
      const upload = await uploadChosen(PROJECT_FILE_ACCEPT);
      return upload && request('project.upload', upload);
    },
    // Save and Save as are the same in a browser: the project file goes to the user as a download.
    async saveProject() {
      const { fileName, contentBase64 } = await request('project.download', undefined);
      downloadBase64(fileName, contentBase64);
      return request('project.current', undefined);
    },
    async pickDataFolder() {
      const files = await chooseFolder();
      return files.length ? request('data.uploadFolder', await uploadFolder(files)) : null;
    },
    async predictFile(runId) {
      const upload = await uploadChosen(DATA_FILE_ACCEPT);
      if (!upload) return null;
      const { download, ...result } = await request('predict.upload', { runId, ...upload });
      downloadBase64(download.fileName, download.contentBase64, 'text/csv');
      return { ...result, file: null, downloadedAs: download.fileName };
    },
    async predictFolder(runId) {
      const files = await chooseFolder();
      if (!files.length) return null;
      const { download, ...result } = await request('predict.uploadFolder', { runId, ...(await uploadFolder(files)) });
      downloadBase64(download.fileName, download.contentBase64, 'text/csv');
      return { ...result, file: null, downloadedAs: download.fileName };
    },
    async relinkData() {
      const upload = await uploadChosen(DATA_FILE_ACCEPT);
      if (!upload) return null;
      const stored = await request('data.upload', upload);
      return request('project.relink', { path: stored.path });
    },
    async importModel() {
      const files = await chooseFolder();
      return files.length ? request('model.upload', await uploadFolder(files)) : null;
    },
    // A web page cannot read a file's neighbours: the folder with model.keras and preprocessing.json is uploaded.
    async importKeras() {
      const files = await chooseFolder();
      return files.length ? request('model.uploadKeras', await uploadFolder(files)) : null;
    },
    async importRay() {
      const files = await chooseFolder();
      return files.length ? request('model.uploadRay', await uploadFolder(files)) : null;
    },
  };
}
