/**
 * Helpers for project tests: temporary folders, a data file, and runs with model files made
 * of known bytes (the project code copies model files; it never needs them to be real models).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { RunResult } from '../../src-main/shared/types';
import { epochRecord } from '../support/epoch-record';

/** A fresh temporary folder; remove it with `cleanup`. */
export async function tempDir(prefix = 'rs-project-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function cleanup(...dirs: string[]): Promise<void> {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
}

/** Writes a small yearly CSV and returns its path. */
export async function writeCsv(dir: string, name = 'flow.csv', rows = 30): Promise<string> {
  const path = join(dir, name);
  const lines = Array.from({ length: rows }, (_, i) => `${1900 + i}-01-01,${100 + ((i * 7) % 13)}`);
  await writeFile(path, ['year,flow', ...lines].join('\n'));
  return path;
}

/** A complete spec reading `file`. */
export function specFor(file: string, overrides: Record<string, unknown> = {}): ExperimentSpec {
  const parsed = parseSpec({
    name: 'Flow',
    data: { file, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.spec;
}

/** Distinct model bytes per run, so a mix-up between runs would show. */
export function modelBytes(runId: string): Record<'model.json' | 'weights.bin' | 'preprocessing.json', Uint8Array> {
  const weights = new Uint8Array(4096);
  for (let i = 0; i < weights.length; i++)
    weights[i] = (i * 31 + runId.length * 17 + runId.charCodeAt(runId.length - 1)) & 0xff;
  return {
    'model.json': new TextEncoder().encode(
      JSON.stringify({ format: 'layers-model', runId, weightsManifest: [{ paths: ['weights.bin'] }] }),
    ),
    'weights.bin': weights,
    'preprocessing.json': new TextEncoder().encode(JSON.stringify({ format: 'recurrent-studio.preprocessing', runId })),
  };
}

/** Creates `<runsDir>/<runId>/model/*` and returns a RunResult pointing at it. */
export async function makeRun(
  runsDir: string,
  runId: string,
  spec: ExperimentSpec,
  status: RunResult['status'] = 'completed',
): Promise<RunResult> {
  const runDir = join(runsDir, runId);
  const modelDir = join(runDir, 'model');
  const hasModel = status === 'completed';
  if (hasModel) {
    await mkdir(modelDir, { recursive: true });
    for (const [name, data] of Object.entries(modelBytes(runId))) await writeFile(join(modelDir, name), data);
  } else {
    await mkdir(runDir, { recursive: true });
  }
  return {
    runId,
    name: `${spec.name} ${runId}`,
    task: spec.task,
    status,
    startedAt: `2024-05-0${runId.length % 9}T10:00:00.000Z`,
    durationSeconds: status === 'running' ? null : 12.5,
    backend: 'tensorflow',
    headline: hasModel ? { rmse: 1.25, mae: 0.5 } : {},
    spec,
    fused: true,
    history: [epochRecord(runId, 1, { loss: 0.9, valLoss: 1.1 }), epochRecord(runId, 2, { loss: 0.5, valLoss: 0.7 })],
    evaluation: null,
    modelDir: hasModel ? modelDir : null,
    error: null,
    log: ['Training on native TensorFlow.'],
  };
}
