/**
 * The job worker client with small scripted workers (no TensorFlow): results come back per
 * job, jobs queue one after another, and a crash fails only the job that was running.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobWorkerClient } from '../../src-main/worker/job-client';
import { JobError } from '../../src-main/worker/jobs';

/** A worker that answers each job after `delayMs`: steps × 2 as the forecast, or a crash for steps 13. */
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
let running = 0;
parentPort.on('message', (m) => {
  if (m.type !== 'job') return;
  running++;
  const steps = m.job.args.steps;
  if (steps === 13) process.exit(7);
  parentPort.postMessage({ type: 'job-log', jobId: m.jobId, line: 'working on ' + steps });
  setTimeout(() => {
    if (steps === 0) {
      parentPort.postMessage({ type: 'job-failed', jobId: m.jobId, error: { code: 'bad-data', message: 'no steps' } });
    } else {
      parentPort.postMessage({ type: 'job-done', jobId: m.jobId, result: { point: [steps * 2], concurrent: running } });
    }
    running--;
  }, 20);
});
`;

let client: JobWorkerClient;

afterEach(async () => {
  await client.shutdown();
});

function forecastJob(steps: number) {
  return { name: 'forecast.future' as const, args: { runDir: '/runs/r', steps, levels: [] } };
}

describe('JobWorkerClient', () => {
  it('runs queued jobs one at a time in one worker and passes log lines on', async () => {
    client = new JobWorkerClient({ entry: { source: SCRIPT, eval: true } });
    const lines: string[] = [];
    const results = await Promise.all([1, 2, 3].map((n) => client.run(forecastJob(n), (l) => lines.push(l))));
    expect(results.map((r) => (r as unknown as { point: number[] }).point[0])).toEqual([2, 4, 6]);
    // The worker never saw two jobs at once.
    expect(results.map((r) => (r as unknown as { concurrent: number }).concurrent)).toEqual([1, 1, 1]);
    expect(lines).toEqual(['working on 1', 'working on 2', 'working on 3']);
    expect(client.busy).toBe(false);
  });

  it('rejects with the code and message the worker reported', async () => {
    client = new JobWorkerClient({ entry: { source: SCRIPT, eval: true } });
    const err = await client.run(forecastJob(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(err).toMatchObject({ code: 'bad-data', message: 'no steps' });
  });

  it('fails only the job whose worker crashed, and starts a fresh worker for the next', async () => {
    client = new JobWorkerClient({ entry: { source: SCRIPT, eval: true } });
    const crashed = client.run(forecastJob(13)).catch((e: unknown) => e);
    const next = client.run(forecastJob(5));
    const err = await crashed;
    expect(err).toBeInstanceOf(JobError);
    expect((err as JobError).message).toContain('exit code 7');
    expect(((await next) as unknown as { point: number[] }).point).toEqual([10]);
  });

  it('refuses jobs after shutdown', async () => {
    client = new JobWorkerClient({ entry: { source: SCRIPT, eval: true } });
    await client.shutdown();
    await expect(client.run(forecastJob(1))).rejects.toMatchObject({ code: 'unavailable' });
  });
});
