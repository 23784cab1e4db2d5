/**
 * Fakes for the service's heavy dependencies: a table loader that reads a tiny CSV by hand
 * (so these tests do not depend on the real importer) and a training launcher the test drives.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { LoadedTable } from '../../src-main/data/table';
import type { Envelope } from '../../src-main/shared/contract';
import type { DatasetSummary, EpochRecord, RunResult } from '../../src-main/shared/types';
import type { LaunchRequest, RunCallbacks, RunHandle } from '../../src-main/services/run-launcher';
import type { StudioServiceDeps } from '../../src-main/services/service-types';

/** Reads "time,value" CSV text with ISO dates into a two-column table. */
export async function fakeLoadTable(path: string): Promise<LoadedTable> {
  const text = await readFile(path, 'utf8');
  const lines = text.trim().split(/\r?\n/);
  const [timeName, valueName] = lines[0].split(',');
  const body = lines.slice(1).map((l) => l.split(','));
  const times = Float64Array.from(body.map((r) => Date.parse(r[0])));
  const values = Float64Array.from(body.map((r) => (r[1] === '' ? NaN : Number(r[1]))));
  const summary: DatasetSummary = {
    id: 'loader-id',
    path,
    fileName: basename(path),
    sizeBytes: text.length,
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    decimalComma: false,
    sheets: [],
    sheet: null,
    rows: body.length,
    layout: 'single',
    columns: [
      {
        name: timeName,
        type: 'datetime',
        detectedType: 'datetime',
        missing: 0,
        distinct: body.length,
        min: null,
        max: null,
        mean: null,
        sparkline: [],
      },
      {
        name: valueName,
        type: 'numeric',
        detectedType: 'numeric',
        missing: 0,
        distinct: body.length,
        min: null,
        max: null,
        mean: null,
        sparkline: [],
      },
    ],
    timeColumn: timeName,
    idColumn: null,
    frequency: 'yearly',
    gaps: 0,
    duplicateTimestamps: 0,
    timeParts: null,
    problems: [],
  };
  return {
    table: {
      rowCount: body.length,
      columns: [
        { name: timeName, type: 'datetime', values: times },
        { name: valueName, type: 'numeric', values },
      ],
    },
    summary,
  };
}

/** A CSV of `n` yearly values starting in 1900, the value of year i being 100 + i. */
export function yearlyCsv(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `${1900 + i}-01-01,${100 + i}`);
  return ['year,flow', ...rows].join('\n');
}

/** A launcher whose runs the test advances by hand. */
export class ScriptedLauncher {
  readonly launched: { request: LaunchRequest; callbacks: RunCallbacks; controls: string[] }[] = [];

  readonly launch = (request: LaunchRequest, callbacks: RunCallbacks): RunHandle => {
    const entry = { request, callbacks, controls: [] as string[] };
    this.launched.push(entry);
    return { control: (action) => entry.controls.push(action) };
  };

  /** The latest launched run. */
  get last(): { request: LaunchRequest; callbacks: RunCallbacks; controls: string[] } {
    const entry = this.launched.at(-1);
    if (!entry) throw new Error('nothing launched');
    return entry;
  }
}

export function epoch(runId: string, n: number, loss: number): EpochRecord {
  return {
    runId,
    epoch: n,
    loss,
    valLoss: loss * 1.1,
    metrics: {},
    valMetrics: {},
    learningRate: 0.001,
    gradNorms: {},
    seconds: 0.1,
    samplesPerSecond: 1000,
  };
}

/** A finished result for a launched run, with the model folder it was asked to write. */
export function completed(request: LaunchRequest, history: EpochRecord[]): RunResult {
  return {
    runId: request.runId,
    name: request.spec.name,
    task: request.spec.task,
    status: 'completed',
    startedAt: request.startedAt,
    durationSeconds: 1.5,
    backend: 'cpu',
    headline: { rmse: 1 },
    spec: request.spec,
    fused: false,
    history,
    evaluation: null,
    modelDir: join(request.outDir, 'model'),
    error: null,
    log: ['done'],
  };
}

/** Dependencies that never touch TensorFlow or workers. */
export function fakeDeps(launcher: ScriptedLauncher): Partial<StudioServiceDeps> {
  return {
    loadTable: fakeLoadTable,
    launchRun: launcher.launch,
    backendInfo: async () => ({ backend: 'cpu', note: 'slow engine' }),
    summarizeModel: async () => ({ layers: [], totalParams: 0, trainableParams: 0, inputShape: [], problems: [] }),
    progressIntervalMs: 200,
  };
}

/** The value of a successful envelope; a failure throws with its message. */
export function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}
