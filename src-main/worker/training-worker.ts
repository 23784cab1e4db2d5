/**
 * The training worker's entry: receives one `start` message, runs the experiment and posts
 * progress, epochs, log lines and the result back. Control messages (pause / resume / cancel)
 * may arrive at any time; the train loop picks them up between batches. A worker started for
 * jobs instead (forecasts, backtests, exports…) runs each `job` message and posts its outcome.
 */
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../experiment/run-experiment';
import { TrainControl } from '../engine/training/train-control';
import type { FromWorker, ToWorker } from './messages';
import { unknownMessage } from './messages';
import { jobFailure, runJob } from './run-job';
import { messageOf } from '../shared/error-message';

const port = requirePort();

const control = new TrainControl();
let started = false;
let runsJobs = false;

function requirePort(): NonNullable<typeof parentPort> {
  if (!parentPort) throw new Error('training-worker must run inside a worker thread.');
  return parentPort;
}

function post(message: FromWorker): void {
  port.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      if (started || runsJobs) throw new Error('This training worker already runs an experiment or jobs.');
      started = true;
      void start(message);
      return;
    case 'control':
      control.apply(message.action);
      return;
    case 'job':
      if (started) throw new Error('This training worker runs an experiment and takes no jobs.');
      runsJobs = true;
      void job(message);
      return;
    default:
      unknownMessage(message);
  }
});

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  try {
    const result = await runExperiment(message.spec, {
      runId: message.runId,
      outDir: message.outDir,
      control,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEpoch: (epoch) => post({ type: 'epoch', epoch }),
      log: (line) => post({ type: 'log', line }),
      ...(message.verdictNote ? { verdictNote: message.verdictNote } : {}),
      ...(message.continueFrom
        ? {
            initialWeightsDir: message.continueFrom.dir,
            continuedFrom: { runId: message.continueFrom.runId, epochsTrained: message.continueFrom.epochsTrained },
          }
        : {}),
    });
    post({ type: 'finished', result });
  } catch (err) {
    post({ type: 'failed', message: messageOf(err) });
  }
}

async function job(message: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const { jobId } = message;
  try {
    const result = await runJob(message.job, (line) => post({ type: 'job-log', jobId, line }));
    post({ type: 'job-done', jobId, result });
  } catch (err) {
    post({ type: 'job-failed', jobId, error: jobFailure(err) });
  }
}
