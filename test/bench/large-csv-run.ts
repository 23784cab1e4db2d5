/**
 * Child process of large-csv-bench.ts: trains a forecast on the given CSV through the app's own
 * run (runExperiment) until the first training batch reports, then cancels. Prints one JSON line:
 * when the first progress and the first training progress came, the longest silence between
 * progress reports before training, and the process's peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { runExperiment } from '../../src-main/experiment/run-experiment';
import { parseSpec } from '../../src-main/shared/spec';

const file = process.argv[2];
const parsed = parseSpec({ data: { file, targetColumns: ['target'] }, training: { epochs: 1 } });
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' '));
const out = mkdtempSync(join(tmpdir(), 'recurrent-large-csv-run-'));
const control = new TrainControl();
const t0 = performance.now();
let firstProgressMs: number | null = null;
let firstTrainingMs: number | null = null;
// The longest stretch without any progress before training starts: the user's wait in silence.
let lastProgressMs = 0;
let longestSilenceMs = 0;
try {
  const result = await runExperiment(parsed.spec, {
    runId: 'large-csv',
    outDir: out,
    control,
    onProgress: (p) => {
      const now = performance.now() - t0;
      firstProgressMs ??= now;
      if (firstTrainingMs === null) longestSilenceMs = Math.max(longestSilenceMs, now - lastProgressMs);
      lastProgressMs = now;
      if (p.phase === 'training' && p.batch > 0 && firstTrainingMs === null) {
        firstTrainingMs = performance.now() - t0;
        control.cancel();
      }
    },
    onEpoch: () => undefined,
    log: () => undefined,
  });
  const maxRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ status: result.status, firstProgressMs, firstTrainingMs, longestSilenceMs, maxRssMb })}\n`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
