/** "Predict a file" on a text model once answered that it "needs a forecast model". */
import { describe, expect, it } from 'vitest';
import { modelUseHandlers } from '../../src-main/services/model-use-handlers';
import type { RunResult } from '../../src-main/shared/types';
import type { Job } from '../../src-main/worker/jobs';

function context(task: RunResult['task']) {
  const jobs: Job[] = [];
  const run = { runId: 'r1', name: 'Reviews', task, status: 'completed', modelDir: '/runs/r1/model' } as RunResult;
  const handlers = modelUseHandlers({
    run: async () => run,
    runDir: () => '/runs/r1',
    runJob: (async (job: Job) => {
      jobs.push(job);
      return { runId: 'r1', rows: 0, file: null, preview: [], header: [], problems: [] };
    }) as never,
  });
  return { jobs, handlers };
}

describe('predict.file', () => {
  it('sends a text classifier’s file to the text job', async () => {
    const { jobs, handlers } = context('text-classification');
    await handlers['predict.file']?.({ runId: 'r1', path: '/data/new.csv' });
    expect(jobs).toEqual([
      {
        name: 'predict.file',
        args: { runDir: '/runs/r1', file: '/data/new.csv', output: undefined, task: 'text-classification' },
      },
    ]);
  });

  it('keeps forecasts on the forecast job and refuses generators in words', async () => {
    const forecast = context('forecast');
    await forecast.handlers['predict.file']?.({ runId: 'r1', path: '/data/new.csv' });
    expect(forecast.jobs[0].args).toMatchObject({ task: 'forecast' });
    const generator = context('text-generation');
    await expect(generator.handlers['predict.file']?.({ runId: 'r1', path: '/data/new.csv' })).rejects.toThrow(
      /text generation model; predicting on a file needs a forecast model/,
    );
  });
});
