/**
 * The size and open time of a long forecast run, `npm run bench -- --run-file`: a run over
 * 1M and 3M steps written as it was before chart series were bounded (every step of actual
 * and forecast) and as it is now (at most MAX_CHART_POINTS points), then opened. "Open" is
 * reading run.json and checking it (shared/run-file-schema.ts); now through the RunStore,
 * which also bounds what it reads. The median of a few opens.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunStore } from '../../src-main/services/run-store';
import { boundedRun } from '../../src-main/shared/chart-series';
import { parseRunFile } from '../../src-main/shared/run-file-schema';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';
import type { ForecastEvaluation, RunResult } from '../../src-main/shared/types';
import { cleanup, tempDir } from '../projects/fixtures';

const LENGTHS = [1_000_000, 3_000_000];
const OPENS = 3;

/** A completed forecast run over `n` hourly steps, every step in its chart series. */
function fullRun(runId: string, n: number): RunResult {
  const spec = specSchema.parse({ data: { file: '/data/load.csv', targetColumns: ['load'] } });
  const start = Date.UTC(2000, 0, 1);
  const actual = Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin(i / 24) + ((i * 7919) % 13));
  const evaluation = {
    kind: 'forecast',
    target: 'load',
    horizon: 1,
    metrics: { rmse: 3.1, mae: 2.4, r2: 0.93, mape: 2.2, smape: 2.2 },
    baselines: { naive: { rmse: 5, mae: 4, r2: 0.8, mape: 4, smape: 4 }, seasonalNaive: null },
    seasonalPeriod: 24,
    targetTransform: 'level',
    verdict: null,
    series: {
      time: actual.map((_, i) => new Date(start + i * 3_600_000).toISOString()),
      actual,
      predicted: actual.map((a, i) => (i < 48 ? null : a + Math.cos(i) * 2.5)),
      validationStart: Math.floor(n * 0.7),
      testStart: Math.floor(n * 0.85),
    },
  } as ForecastEvaluation;
  return { ...startedRun(runId, spec, '2026-01-01T00:00:00Z', 'cpu'), status: 'completed', evaluation };
}

async function median(times: () => Promise<number>): Promise<number> {
  const all: number[] = [];
  for (let i = 0; i < OPENS; i++) all.push(await times());
  return all.sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? NaN;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Writes the run as run-experiment.ts does; the file's size in bytes. */
async function writeRun(dir: string, run: RunResult): Promise<number> {
  await mkdir(join(dir, run.runId), { recursive: true });
  const file = join(dir, run.runId, 'run.json');
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return (await stat(file)).size;
}

const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;

export async function runFileBench(): Promise<string> {
  const lines = ['Long forecast runs: run.json size and open time (median of 3 opens)'];
  for (const n of LENGTHS) {
    const work = await tempDir('rs-run-file-bench-');
    try {
      const before = join(work, 'before');
      const after = join(work, 'after');
      const run = fullRun('long', n);
      const beforeBytes = await writeRun(before, run);
      const afterBytes = await writeRun(after, boundedRun(run));
      const beforeFile = join(before, 'long', 'run.json');
      const beforeMs = await median(() => timed(async () => parseRunFile(await readFile(beforeFile, 'utf8'), 'x')));
      const afterMs = await median(() =>
        timed(async () => {
          const store = new RunStore(after);
          await store.load();
          store.get('long');
        }),
      );
      const steps = `${n / 1e6}M steps`;
      lines.push(
        `  ${steps} before: ${mb(beforeBytes)}, open ${beforeMs.toFixed(0)} ms` +
          `${beforeBytes > 64 * 1024 ** 2 ? ' (over the 64 MB the run store reads)' : ''}`,
        `  ${steps} now:    ${kb(afterBytes)}, open ${afterMs.toFixed(1)} ms`,
      );
    } finally {
      await cleanup(work);
    }
  }
  return lines.join('\n');
}
