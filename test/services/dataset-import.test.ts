/**
 * Importing through the service with the real importer: type overrides reach the table,
 * 'data.progress' follows an import, and 'data.cancelImport' stops one without registering it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import type { LoadedTable, LoadOptions } from '../../src-main/data/table';
import { DatasetRegistry, IMPORT_PROGRESS_INTERVAL_MS, formatCell } from '../../src-main/services/dataset-registry';
import { ServiceError } from '../../src-main/shared/service-error';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';
import type { Envelope } from '../../src-main/shared/contract';
import type { DatasetSummary } from '../../src-main/shared/types';
import { ScriptedLauncher, fakeDeps } from './fixtures';

let dir: string;
let service: StudioService;
let events: StudioEvent[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dataset-import-'));
  service = new StudioService(
    { dataDir: dir, host: 'browser', version: '0.0.0' },
    { ...fakeDeps(new ScriptedLauncher()), loadTable },
  );
  events = [];
  service.subscribe((e) => events.push(e));
});

afterEach(async () => {
  await service.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** A CSV of `rows` lines: a station code that looks numeric, a date and a reading. */
function stationsCsv(rows: number): string {
  const lines = ['station,date,reading'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${100 + (i % 7)},${day},${(i * 0.37).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe("'data.inspect' with type overrides", () => {
  it('reads an overridden column as the user chose and keeps the detected type beside it', async () => {
    const path = await write('stations.csv', stationsCsv(50));
    const plain = value<DatasetSummary>(await service.handle('data.inspect', { path }));
    expect(plain.columns.find((c) => c.name === 'station')?.type).toBe('numeric');

    const summary = value<DatasetSummary>(
      await service.handle('data.inspect', { path, typeOverrides: { station: 'categorical' } }),
    );
    const station = summary.columns.find((c) => c.name === 'station');
    expect(station?.type).toBe('categorical');
    expect(station?.detectedType).toBe('numeric');
    expect(station?.distinct).toBe(7);
    const page = value<{ rows: string[][] }>(
      await service.handle('data.rows', { datasetId: summary.id, offset: 0, limit: 2 }),
    );
    expect(page.rows[1][0]).toBe('101');
  });

  it('shows datetime ranges as dates, not epoch milliseconds', async () => {
    const path = await write('dates.csv', stationsCsv(31));
    const summary = value<DatasetSummary>(await service.handle('data.inspect', { path }));
    const date = summary.columns.find((c) => c.name === 'date');
    expect(date?.minLabel).toBe('2000-01-01');
    expect(date?.maxLabel).toBe('2000-01-31');
    expect(summary.columns.find((c) => c.name === 'reading')?.minLabel).toBeUndefined();
  });
});

describe("'data.progress' and 'data.cancelImport'", () => {
  // ~1.8 MB: two 1 MiB chunks, so progress is reported (and a cancel lands) before the import ends.
  const bigRows = 80_000;

  it('reports progress for an import that names itself, ending at the file size', async () => {
    const text = stationsCsv(bigRows);
    const path = await write('big.csv', text);
    const summary = value<DatasetSummary>(await service.handle('data.inspect', { path, importId: 'imp-1' }));
    expect(summary.rows).toBe(bigRows);
    const progress = events.flatMap((e) => (e.event === 'data.progress' ? [e.payload] : []));
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p.importId).toBe('imp-1');
      expect(p.fraction).toBeGreaterThan(0);
      expect(p.fraction).toBeLessThanOrEqual(1);
      expect(p.bytesRead).toBeLessThanOrEqual(Buffer.byteLength(text));
      expect(p.bytesRead).toBeCloseTo(p.fraction * Buffer.byteLength(text), -1);
    }
  });

  it('sends no progress events for an import without an id', async () => {
    const path = await write('big.csv', stationsCsv(bigRows));
    value<DatasetSummary>(await service.handle('data.inspect', { path }));
    expect(events.filter((e) => e.event === 'data.progress')).toEqual([]);
  });

  it('stops a running import: "Import cancelled.", and the id can be used again', async () => {
    const path = await write('big.csv', stationsCsv(bigRows));
    let cancelAnswer: Promise<Envelope<unknown>> | null = null;
    service.subscribe((e) => {
      // Cancel as soon as the import shows it is under way, as a user pressing Cancel would.
      if (e.event === 'data.progress' && !cancelAnswer) {
        cancelAnswer = service.handle('data.cancelImport', { importId: e.payload.importId });
      }
    });
    const envelope = await service.handle('data.inspect', { path, importId: 'imp-2' });
    expect(envelope).toEqual({ ok: false, error: { code: 'cancelled', message: 'Import cancelled.' } });
    expect(cancelAnswer).not.toBeNull();
    expect(await cancelAnswer).toEqual({ ok: true, value: { ok: true } });
    // The id is free again, and the same file imports in full when asked again.
    const again = value<DatasetSummary>(await service.handle('data.inspect', { path, importId: 'imp-2' }));
    expect(again.rows).toBe(bigRows);
  });

  it('answers ok to cancelling an import that is not running', async () => {
    expect(await service.handle('data.cancelImport', { importId: 'never-started' })).toEqual({
      ok: true,
      value: { ok: true },
    });
  });
});

describe('DatasetRegistry imports', () => {
  /** A loader that reports progress at each tick of a fake clock and waits for the test. */
  function scriptedLoader(
    ticks: number[],
    clock: { t: number },
  ): {
    loader: (path: string, options?: LoadOptions) => Promise<LoadedTable>;
    signals: AbortSignal[];
    release: () => void;
  } {
    const signals: AbortSignal[] = [];
    let release = (): void => undefined;
    const loader = async (_path: string, options: LoadOptions = {}): Promise<LoadedTable> => {
      if (options.signal) signals.push(options.signal);
      ticks.forEach((t, i) => {
        clock.t = t;
        options.onProgress?.((i + 1) / ticks.length, (i + 1) * 10);
      });
      await new Promise<void>((resolve, reject) => {
        release = resolve;
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
      });
      const loaded = await loadTable(join(dir, 'small.csv'));
      return loaded;
    };
    return { loader, signals, release: () => release() };
  }

  it(`passes at most one progress report per ${IMPORT_PROGRESS_INTERVAL_MS} ms`, async () => {
    await write('small.csv', stationsCsv(5));
    const clock = { t: 0 };
    const step = IMPORT_PROGRESS_INTERVAL_MS / 4;
    const ticks = Array.from({ length: 20 }, (_, i) => 1000 + i * step);
    const { loader, release } = scriptedLoader(ticks, clock);
    const registry = new DatasetRegistry(loader);
    const seen: number[] = [];
    const opening = registry.open(join(dir, 'small.csv'), null, {
      onProgress: (p) => seen.push(p.bytesRead),
      now: () => clock.t,
    });
    await new Promise((r) => setTimeout(r, 0));
    release();
    await opening;
    // 20 reports 1/4 interval apart: every fourth passes, starting with the first.
    expect(seen).toEqual([10, 50, 90, 130, 170]);
  });

  it('refuses a second import under an id that is still running, and cancels the first', async () => {
    await write('small.csv', stationsCsv(5));
    const { loader, signals } = scriptedLoader([], { t: 0 });
    const registry = new DatasetRegistry(loader);
    const first = registry.open(join(dir, 'small.csv'), null, { importId: 'x' });
    await expect(registry.open(join(dir, 'small.csv'), null, { importId: 'x' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(registry.cancelImport('x')).toBe(true);
    await expect(first).rejects.toBeInstanceOf(ServiceError);
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: 'Import cancelled.' });
    expect(signals[0].aborted).toBe(true);
    expect(registry.findByPath(join(dir, 'small.csv'))).toBeNull();
    expect(registry.cancelImport('x')).toBe(false);
  });
});

describe('the preview of a date column', () => {
  it('writes midnight with its time in a column of hours, and dates alone in a column of days', () => {
    const hour = 3_600_000;
    const hourly = { name: 'timestamp', type: 'datetime' as const, values: Float64Array.from([0, hour, 2 * hour]) };
    expect(formatCell(hourly, 0)).toBe('1970-01-01T00:00:00Z');
    expect(formatCell(hourly, 1)).toBe('1970-01-01T01:00:00Z');
    const daily = { name: 'date', type: 'datetime' as const, values: Float64Array.from([0, 24 * hour, NaN]) };
    expect(formatCell(daily, 1)).toBe('1970-01-02');
    expect(formatCell(daily, 2)).toBe('');
  });
});
