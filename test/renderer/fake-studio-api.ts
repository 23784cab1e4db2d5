/**
 * A StudioApi for renderer tests: requests go to per-test handlers (and are recorded), and
 * the test emits events the way main would. Unhandled requests fail like an unavailable main.
 * File actions go through the desktop's dialogs (handlers for 'dialog.*'); a test replaces one
 * to play the browser's uploads.
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
import { desktopFiles } from '../../src-main/shared/desktop-files';

export type FakeHandlers = {
  [K in RequestName]?: (args: RequestArgs<K>) => RequestResult<K> | Promise<RequestResult<K>>;
};

export class FakeStudioApi implements StudioApi {
  readonly host = 'browser' as const;
  readonly calls: { name: RequestName; args: unknown }[] = [];
  readonly saveCalls: string[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  /** What pickDataFile resolves; null plays a cancelled dialog. */
  picked: DatasetSummary | null = null;
  /** What saveModel resolves; null plays a cancelled dialog. */
  saveDestination: string | null = null;

  private readonly desktop: HostFiles = desktopFiles((name, args) => this.request(name, args));
  uploadLimit: string | null = null;
  openProject: HostFiles['openProject'] = (importId) => this.desktop.openProject(importId);
  saveProject: HostFiles['saveProject'] = (options) => this.desktop.saveProject(options);
  pickDataFolder: HostFiles['pickDataFolder'] = (options) => this.desktop.pickDataFolder(options);
  predictFile: HostFiles['predictFile'] = (runId) => this.desktop.predictFile(runId);
  predictFolder: HostFiles['predictFolder'] = (runId) => this.desktop.predictFolder(runId);
  relinkData: HostFiles['relinkData'] = () => this.desktop.relinkData();
  importModel: HostFiles['importModel'] = () => this.desktop.importModel();
  importKeras: HostFiles['importKeras'] = () => this.desktop.importKeras();
  importRay: HostFiles['importRay'] = () => this.desktop.importRay();

  constructor(public handlers: FakeHandlers = {}) {}

  async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
    this.calls.push({ name, args });
    const handler = this.handlers[name] as
      ((a: RequestArgs<K>) => RequestResult<K> | Promise<RequestResult<K>>) | undefined;
    if (!handler) throw new StudioError({ message: `No handler for ${name} in this test.`, code: 'unavailable' });
    return handler(args);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Delivers an event to every subscriber, as main would. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(name: RequestName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  async pickDataFile(_options?: PickDataFileOptions): Promise<DatasetSummary | null> {
    return this.picked;
  }

  async saveModel(runId: string): Promise<string | null> {
    this.saveCalls.push(runId);
    return this.saveDestination;
  }
}
