/**
 * The channels that use a trained model: future forecasts (and their CSV), backtests,
 * explanations, predictions on files and texts, generated text. The model work runs as a job
 * off the main thread; here the run is checked first, so a wrong run gets a plain answer
 * without starting anything.
 */
import { isAbsolute } from 'node:path';
import type { Task } from '../shared/spec';
import type { RunResult } from '../shared/types';
import { FILE_TASKS, type FileTask, type JobRunner } from '../worker/jobs';
import { ServiceError } from '../shared/service-error';
import type { HandlerMap } from './service-types';

/** What these handlers need from the service. */
export interface ModelUseContext {
  /** A run by id, once earlier sessions' runs are loaded and its run.json is written. */
  run(runId: string): Promise<RunResult>;
  /** The run's folder (run.json and model/). */
  runDir(runId: string): string;
  runJob: JobRunner;
}

const TASK_WORDS: Record<Task, string> = {
  forecast: 'forecast',
  'sequence-classification': 'sequence classification',
  'sequence-labeling': 'sequence labeling',
  'text-classification': 'text classification',
  'text-generation': 'text generation',
  'sequence-to-sequence': 'sequence to sequence',
};

/** The run's folder when it has a trained model for `task`; otherwise a plain refusal. */
export async function usableRunDir(
  context: ModelUseContext,
  runId: string,
  task: Task,
  action: string,
): Promise<string> {
  const run = await context.run(runId);
  if (run.status !== 'completed' || !run.modelDir) {
    throw new ServiceError(
      'invalid-request',
      `The run "${run.name}" has no trained model (it is ${run.status}). Train it first.`,
    );
  }
  if (run.task !== task) {
    throw new ServiceError(
      'invalid-request',
      `The run "${run.name}" is a ${TASK_WORDS[run.task]} model; ${action} needs a ${TASK_WORDS[task]} model.`,
    );
  }
  return context.runDir(runId);
}

function requireAbsolute(path: string, what: string): void {
  if (!isAbsolute(path)) throw new ServiceError('invalid-request', `The ${what} path must be absolute: "${path}".`);
}

/** Handlers of the model-use channels. */
export function modelUseHandlers(context: ModelUseContext): HandlerMap {
  const { runJob } = context;
  return {
    'forecast.future': async ({ runId, steps, levels, series }) => {
      const runDir = await usableRunDir(context, runId, 'forecast', 'forecasting the future');
      return runJob({ name: 'forecast.future', args: { runDir, steps, levels, series: series ?? null } });
    },
    'forecast.futureCsv': async ({ runId, steps, levels, series }) => {
      const runDir = await usableRunDir(context, runId, 'forecast', 'forecasting the future');
      return runJob({ name: 'forecast.futureCsv', args: { runDir, steps, levels, series: series ?? null } });
    },
    'backtest.run': async ({ runId, start, step, horizon, retrainEvery, series }) => {
      const runDir = await usableRunDir(context, runId, 'forecast', 'a backtest');
      return runJob({
        name: 'backtest.run',
        args: { runDir, start, step, horizon, retrainEvery, series: series ?? null },
      });
    },
    'explain.run': async ({ runId }) => {
      const runDir = await usableRunDir(context, runId, 'forecast', 'explaining forecasts');
      return runJob({ name: 'explain.run', args: { runDir } });
    },
    'predict.file': async ({ runId, path, output }) => {
      requireAbsolute(path, 'data file');
      if (output !== undefined) requireAbsolute(output, 'output file');
      // Forecast models predict from windows of a series; classifiers classify a file of texts or sequences.
      const trained = (await context.run(runId)).task;
      const task: FileTask = (FILE_TASKS as readonly string[]).includes(trained) ? (trained as FileTask) : 'forecast';
      const runDir = await usableRunDir(context, runId, task, 'predicting on a file');
      return runJob({ name: 'predict.file', args: { runDir, file: path, output, task } });
    },
    'predict.text': async ({ runId, text }) => {
      const runDir = await usableRunDir(context, runId, 'text-classification', 'classifying a text');
      return runJob({ name: 'predict.text', args: { runDir, text } });
    },
    'tag.text': async ({ runId, text }) => {
      const runDir = await usableRunDir(context, runId, 'sequence-labeling', 'tagging a text');
      return runJob({ name: 'tag.text', args: { runDir, text } });
    },
    'seq2seq.translate': async ({ runId, text }) => {
      const runDir = await usableRunDir(context, runId, 'sequence-to-sequence', 'rewriting a text');
      return runJob({ name: 'seq2seq.translate', args: { runDir, text } });
    },
    'generate.text': async ({ runId, seed, length, temperature }) => {
      const runDir = await usableRunDir(context, runId, 'text-generation', 'generating text');
      return runJob({ name: 'generate.text', args: { runDir, seed, length, temperature } });
    },
  };
}
