/**
 * The main thread while a large project opens, `npm run bench -- --project-open`: a project
 * with 48 MB of weights opens through the app's ProjectService, unpacked in the worker (as the
 * app does) and in place (the earlier way), while monitorEventLoopDelay watches the main
 * thread. Reports the longest event-loop delay of each (target: about 50 ms for the worker).
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { unpackProject } from '../../src-main/projects/project-archive';
import { ProjectService } from '../../src-main/projects/project-service';
import type { ProjectUnpacker } from '../../src-main/projects/project-archive';
import { unpackInWorker } from '../../src-main/worker/project-unpack-client';
import { cleanup, tempDir } from '../projects/fixtures';
import { largeProjectFile } from '../projects/large-project';

const WEIGHTS_BYTES = 48 * 1024 * 1024;

/** Opens `file` in a fresh data folder; the longest event-loop delay and the wall time, in ms. */
async function openWatched(file: string, dataDir: string, unpack: ProjectUnpacker): Promise<[number, number]> {
  const svc = new ProjectService({ dataDir, unpack });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const t0 = performance.now();
  delay.enable();
  await svc.open(file);
  delay.disable();
  svc.dispose();
  return [delay.max / 1e6, performance.now() - t0];
}

export async function projectOpenBench(): Promise<string> {
  const work = await tempDir('rs-project-open-bench-');
  try {
    const file = await largeProjectFile(work, WEIGHTS_BYTES);
    // A first open warms the worker's code (its start from TypeScript sources is not the app's).
    await openWatched(file, join(work, 'warm'), unpackInWorker);
    const [workerMax, workerWall] = await openWatched(file, join(work, 'worker'), unpackInWorker);
    const [inPlaceMax, inPlaceWall] = await openWatched(file, join(work, 'in-place'), unpackProject);
    return [
      `Project open: ${WEIGHTS_BYTES / 1024 ** 2} MB of weights, longest event-loop delay of the main thread`,
      `  unpacked in the worker: ${workerMax.toFixed(0)} ms (open took ${workerWall.toFixed(0)} ms)`,
      `  unpacked in place (stepped): ${inPlaceMax.toFixed(0)} ms (open took ${inPlaceWall.toFixed(0)} ms)`,
    ].join('\n');
  } finally {
    await cleanup(work);
  }
}
