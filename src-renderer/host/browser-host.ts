/**
 * The API object for the browser host: requests and events travel over one WebSocket to the
 * local server that served this page; files are uploaded as bytes and models, projects and
 * predictions download (browser-files.ts), since a web page cannot read or write paths on disk.
 */
import {
  StudioError,
  type EventName,
  type EventPayloads,
  type PickDataFileOptions,
  type RequestArgs,
  type RequestName,
  type RequestResult,
  type StudioApi,
} from '../../src-main/shared/contract';
import type { DatasetSummary } from '../../src-main/shared/types';
import type { HostFiles } from '../../src-main/shared/host-files';
import { downloadBase64 } from '../utils/download';
import { DATA_FILE_ACCEPT } from './accepted-files';
import { browserFiles } from './browser-files';
import { chooseFile } from './file-chooser';
import { uploadBase64 } from './upload-bytes';
import { HOST_API_PATH, type HostRequestMessage, type HostServerMessage } from '../../src-main/shared/host-protocol';
import { UPLOAD_LIMIT_LABEL } from '../../src-main/shared/upload-limit';

/** RFC 6455: the peer refused a message for its size. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

const CONNECTION_LOST =
  'The connection to Recurrent Studio was lost. Check that the server is still running, then reload the page.';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: StudioError) => void;
}

type AnyListener = (payload: EventPayloads[EventName]) => void;

/** The address of the API on the server that served this page (the cookie carries the token). */
export function defaultApiUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${HOST_API_PATH}`;
}

export class BrowserHost implements StudioApi {
  readonly host = 'browser' as const;
  private readonly socket: WebSocket;
  private readonly opened: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private nextId = 1;
  private closed = false;
  private closeEvent: CloseEvent | undefined;
  private readonly files: HostFiles = browserFiles((name, args) => this.request(name, args));
  readonly uploadLimit = this.files.uploadLimit;
  readonly openProject: HostFiles['openProject'] = () => this.files.openProject();
  readonly saveProject: HostFiles['saveProject'] = (options) => this.files.saveProject(options);
  readonly pickDataFolder: HostFiles['pickDataFolder'] = () => this.files.pickDataFolder();
  readonly predictFile: HostFiles['predictFile'] = (runId) => this.files.predictFile(runId);
  readonly predictFolder: HostFiles['predictFolder'] = (runId) => this.files.predictFolder(runId);
  readonly relinkData: HostFiles['relinkData'] = () => this.files.relinkData();
  readonly importModel: HostFiles['importModel'] = () => this.files.importModel();
  readonly importKeras: HostFiles['importKeras'] = () => this.files.importKeras();
  readonly importRay: HostFiles['importRay'] = () => this.files.importRay();

  constructor(url: string = defaultApiUrl()) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('close', (e) => reject(lost(e)), { once: true });
    });
    // Requests made before the socket opens await `opened`; keep its rejection from going unhandled.
    this.opened.catch(() => undefined);
    this.socket.addEventListener('message', (e: MessageEvent<string>) => this.receive(e.data));
    this.socket.addEventListener('close', (e) => {
      this.closed = true;
      this.closeEvent = e;
      for (const p of this.pending.values()) p.reject(lost(e));
      this.pending.clear();
    });
  }

  async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
    await this.opened;
    if (this.closed) throw lost(this.closeEvent);
    const id = this.nextId++;
    const message: HostRequestMessage = { id, name, args };
    return new Promise<RequestResult<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as RequestResult<K>), reject });
      this.socket.send(JSON.stringify(message));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as AnyListener;
    set.add(entry);
    return () => set.delete(entry);
  }

  /**
   * Uploads the chosen file. The upload is one message, so main reports no progress for it
   * (`importId` is not used); type overrides are applied by reading the stored copy again.
   */
  async pickDataFile(options?: PickDataFileOptions): Promise<DatasetSummary | null> {
    const file = await chooseFile(DATA_FILE_ACCEPT);
    if (!file) return null;
    const uploaded = await this.request('data.upload', {
      fileName: file.name,
      contentBase64: await uploadBase64(file),
    });
    const typeOverrides = options?.typeOverrides;
    if (!typeOverrides || Object.keys(typeOverrides).length === 0) return uploaded;
    return this.request('data.inspect', { path: uploaded.path, sheet: uploaded.sheet, typeOverrides });
  }

  async saveModel(runId: string): Promise<string | null> {
    const { fileName, contentBase64 } = await this.request('model.archive', { runId });
    downloadBase64(fileName, contentBase64, 'application/zip');
    return fileName;
  }

  /** Closes the connection (tests, page teardown). */
  close(): void {
    this.socket.close();
  }

  private receive(text: string): void {
    let message: HostServerMessage;
    try {
      message = JSON.parse(text) as HostServerMessage;
    } catch {
      return;
    }
    if ('id' in message) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.envelope.ok) pending.resolve(message.envelope.value);
      else pending.reject(new StudioError(message.envelope.error));
      return;
    }
    for (const listener of this.listeners.get(message.event) ?? []) {
      try {
        listener(message.payload);
      } catch (err) {
        // One failing view must not stop the others from hearing the event.
        console.error(err);
      }
    }
  }
}

/** The sentence for a closed connection; a close the server chose says why. */
function lost(event?: CloseEvent): StudioError {
  if (event?.code === CLOSE_MESSAGE_TOO_BIG) {
    return new StudioError({
      code: 'unavailable',
      message: `The server refused a message over its size limit and closed the connection. Reload the page; files above ${UPLOAD_LIMIT_LABEL} open in the desktop app or the recurrent command line.`,
    });
  }
  const reason = event?.reason ? ` (${event.reason})` : '';
  return new StudioError({ code: 'unavailable', message: CONNECTION_LOST + reason });
}
