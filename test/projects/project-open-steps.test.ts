/**
 * Opening a large honest project in steps: the event loop keeps running between steps (other
 * requests and socket traffic are served), progress reaches the whole file, and a cancel in the
 * middle of unpacking leaves no run folder and the current project as it was. The longest
 * block is printed here and measured with monitorEventLoopDelay in `npm run bench -- --project-open`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectService } from '../../src-main/projects/project-service';
import { cleanup, tempDir } from './fixtures';
import { largeProjectFile } from './large-project';
import { longestBlockWhile } from './event-loop-block';

/** Large enough for hundreds of unpacking steps; random, so it stays this large inside the zip. */
const WEIGHTS_BYTES = 48 * 1024 * 1024;

let work = '';
let large = '';

beforeAll(async () => {
  work = await tempDir('rs-project-steps-');
  large = await largeProjectFile(work, WEIGHTS_BYTES);
}, 60_000);
afterAll(() => cleanup(work));

describe('opening a large project', () => {
  it('lets other work run between unpacking steps and reports progress to the end', async () => {
    const svc = new ProjectService({ dataDir: join(work, 'steps') });
    const fractions: number[] = [];
    const { result, turns, longestMs } = await longestBlockWhile(() =>
      svc.open(large, { onProgress: (p) => fractions.push(p.fraction) }),
    );
    console.log(
      `[open] ${WEIGHTS_BYTES / 1024 ** 2} MB of weights: ${turns} turns of other work, longest block ${longestMs.toFixed(1)} ms`,
    );
    expect(result.runs.map((r) => r.runId)).toEqual(['run-big']);
    // One step per 64 KiB of the file: other work must get a turn between most of them.
    expect(turns).toBeGreaterThan(WEIGHTS_BYTES / (64 * 1024) / 2);
    expect(fractions.length).toBeGreaterThan(100);
    expect(fractions.at(-1)).toBe(1);
    svc.dispose();
  }, 60_000);

  it('stops when cancelled mid-way and leaves no run folder behind', async () => {
    const dataDir = join(work, 'cancelled');
    const svc = new ProjectService({ dataDir });
    const before = svc.current();
    const controller = new AbortController();
    const fractions: number[] = [];
    const opening = svc.open(large, {
      signal: controller.signal,
      onProgress: (p) => {
        fractions.push(p.fraction);
        if (p.fraction > 0.3) controller.abort();
      },
    });
    await expect(opening).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/nothing changed/),
    });
    expect(fractions.at(-1)).toBeLessThan(0.5);
    expect(existsSync(join(dataDir, 'runs'))).toBe(false);
    expect(svc.current()).toEqual(before);
    svc.dispose();
  }, 60_000);
});
