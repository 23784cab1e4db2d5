/**
 * 'train.start' with continueFrom end to end through service.handle and the real training
 * worker: continuing a finished run, continuing a model re-imported from a TensorFlow.js
 * folder, and the refusals (unknown run, a run without weights, another architecture).
 * Small LSTMs on the Nile series, a few epochs each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/shared/contract';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';

const NILE = join(process.cwd(), 'resources', 'samples', 'nile-yearly.csv');

let dataDir: string;
let service: StudioService;
let source: RunResult;

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

function refusal(envelope: Envelope<unknown>): { code: string; message: string } {
  if (envelope.ok) throw new Error('expected a refusal, got a value');
  return envelope.error;
}

function nileSpec(epochs: number, cell: 'LSTM' | 'GRU' = 'LSTM'): unknown {
  return {
    name: `Nile ${cell}`,
    data: { file: NILE, timeColumn: 'year', targetColumns: ['volume'], lookback: 8, horizon: 1 },
    model: { cell, layers: [{ units: 8 }] },
    training: { epochs, batchSize: 16, seed: 3, earlyStopping: { enabled: false } },
  };
}

const finished = new Map<string, RunResult>();
const waiting = new Map<string, (run: RunResult) => void>();

/** Starts a run and resolves with its final result. */
async function train(spec: unknown, continueFrom?: string): Promise<RunResult> {
  const args = continueFrom === undefined ? { spec } : { spec, continueFrom };
  const { runId } = value<{ runId: string }>(await service.handle('train.start', args));
  const done = finished.get(runId);
  return done ?? new Promise((resolve) => waiting.set(runId, resolve));
}

let gruRun: Promise<RunResult> | null = null;
/** A run continued with another architecture: it fails before training. Made once, used twice. */
function mismatchedRun(): Promise<RunResult> {
  gruRun ??= train(nileSpec(1, 'GRU'), source.runId);
  return gruRun;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-continue-'));
  service = new StudioService({ dataDir, host: 'browser', version: '0' });
  service.subscribe((e: StudioEvent) => {
    if (e.event !== 'train.finished') return;
    finished.set(e.payload.runId, e.payload);
    waiting.get(e.payload.runId)?.(e.payload);
  });
  source = await train(nileSpec(3));
  if (source.status !== 'completed') throw new Error(`the first run failed: ${source.error}`);
}, 60_000);

afterAll(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('train.start with continueFrom', () => {
  it('continues a finished run from its weights and records where it came from', async () => {
    const continued = await train(nileSpec(2), source.runId);
    expect(continued.error).toBeNull();
    expect(continued.status).toBe('completed');
    expect(continued.continuedFrom).toBe(source.runId);
    expect(continued.log).toContain(`Continuing from run ${source.runId} (3 epochs already trained).`);
    const stored = value<RunResult>(await service.handle('runs.get', { runId: continued.runId }));
    expect(stored.continuedFrom).toBe(source.runId);
  }, 30_000);

  it('continues a model re-imported from a TensorFlow.js folder', async () => {
    const folder = join(dataDir, 'exported');
    value(await service.handle('model.export', { runId: source.runId, format: 'tfjs', target: folder }));
    const imported = value<RunSummary>(await service.handle('model.import', { dir: folder }));
    const continued = await train(nileSpec(2), imported.runId);
    expect(continued.error).toBeNull();
    expect(continued.status).toBe('completed');
    expect(continued.log).toContain(
      `Continuing from run ${imported.runId} (a saved model; its earlier epochs are not recorded).`,
    );
    // The continued run is a full run: it has its own model and a checkpoint.
    expect(continued.modelDir).not.toBeNull();
  }, 30_000);

  it('fails a run whose spec builds another architecture, naming the difference', async () => {
    const gru = await mismatchedRun();
    expect(gru.status).toBe('failed');
    expect(gru.error).toContain('The saved model has LSTM(8) where the spec asks for GRU(8)');
  }, 30_000);

  it('refuses unknown runs and runs that left no weights before starting anything', async () => {
    const failed = await mismatchedRun();
    const before = value<RunSummary[]>(await service.handle('runs.list', undefined)).length;
    expect(refusal(await service.handle('train.start', { spec: nileSpec(1), continueFrom: 'ghost' })).code).toBe(
      'not-found',
    );
    const none = refusal(await service.handle('train.start', { spec: nileSpec(1), continueFrom: failed.runId }));
    expect(none.code).toBe('invalid-request');
    expect(none.message).toContain('left no saved model to continue from');
    // Refused requests record no run.
    expect(value<RunSummary[]>(await service.handle('runs.list', undefined))).toHaveLength(before);
  }, 30_000);
});
