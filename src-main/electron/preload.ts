/**
 * The desktop app's API object, exposed to the page as `window.studio`. It offers named
 * methods only — never ipcRenderer itself — and only the contract's channels.
 *
 * Errors crossing the context bridge lose their class and extra fields, so a failed request
 * rejects with the plain StudioErrorInfo object; the renderer's host layer turns it back into
 * a StudioError (src-renderer/host/index.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_NAMES,
  REQUEST_NAMES,
  type Envelope,
  type EventName,
  type EventPayloads,
  type PickDataFileOptions,
  type RequestArgs,
  type RequestName,
  type RequestResult,
  type StudioApi,
} from '../shared/contract';
import type { DatasetSummary } from '../shared/types';
import { desktopFiles } from '../shared/desktop-files';

async function request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
  if (!REQUEST_NAMES.includes(name)) throw { code: 'invalid-request', message: `Unknown request "${String(name)}".` };
  const envelope = (await ipcRenderer.invoke(name, args)) as Envelope<RequestResult<K>>;
  if (envelope.ok) return envelope.value;
  throw envelope.error;
}

const api: StudioApi = {
  host: 'electron',
  request,
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event "${String(event)}".`);
    // The IPC event object (with its sender) stays here; the page gets the payload only.
    const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  async pickDataFile(options?: PickDataFileOptions): Promise<DatasetSummary | null> {
    const path = await request('dialog.openDataFile', undefined);
    return path === null ? null : request('data.inspect', { path, ...options });
  },
  async saveModel(runId: string): Promise<string | null> {
    const dir = await request('dialog.chooseFolder', { title: 'Choose a folder for the model' });
    if (dir === null) return null;
    const saved = await request('model.save', { runId, dir });
    return saved.dir;
  },
  ...desktopFiles(request),
};

contextBridge.exposeInMainWorld('studio', api);
