/**
 * Runs a job with a trained model in the current thread (the worker calls it). Failures come
 * back as a code and a sentence for the user, never as a raw exception.
 */
import type { StudioErrorInfo } from '../shared/contract';
import { DataError } from '../data/data-error';
import { loadTf } from '../tensorflow/load-tf';
import { classifyText, generateText } from '../model-use/text-inference';
import {
  ExportCancelledError,
  exportModel,
  importTfjsModel,
  ModelFolderError,
  UnsupportedModelError,
} from '../export/index';
import {
  explainForecast,
  forecastFuture,
  futureForecastCsv,
  predictFile,
  RunFolderError,
  runBacktest,
} from '../model-use/index';
import { predictSequencesFile } from '../model-use/predict-sequences-file';
import { predictTextFile } from '../model-use/predict-text-file';
import { predictLabelsFile } from '../model-use/predict-labels-file';
import { tagText } from '../model-use/tag-text';
import { predictPairsFile, translateTexts } from '../model-use/seq2seq-inference';
import type { Job, JobName, JobOf, JobResults } from './jobs';
import { messageOf } from '../shared/error-message';
import { importKerasRun, readPreprocessingFile } from '../export/keras-import/import-keras-run';
import { KerasImportError } from '../export/keras-import/keras-import-error';
import { PreprocessingError } from '../shared/preprocessing-schema';
import { scoreCandidate } from '../search/stretch-score';
import { boundedBacktest } from '../shared/bounded-backtest';
import { boundedFuture } from '../shared/bounded-future';

/** Runs one job here and now. */
export async function runJob<N extends JobName>(
  job: JobOf<N>,
  log: (line: string) => void = () => undefined,
): Promise<JobResults[N]> {
  return (await dispatch(job as Job, log)) as JobResults[N];
}

async function dispatch(job: Job, log: (line: string) => void): Promise<JobResults[JobName]> {
  const loaded = await loadTf();
  const { tf } = loaded;
  switch (job.name) {
    case 'forecast.future':
      // Calibrated on every step; the renderer gets a bounded chart (the CSV job keeps every step).
      return boundedFuture(
        await forecastFuture(tf, job.args.runDir, {
          steps: job.args.steps,
          levels: job.args.levels,
          series: job.args.series,
        }),
      );
    case 'forecast.futureCsv': {
      const { fileName, csv } = await futureForecastCsv(tf, job.args.runDir, {
        steps: job.args.steps,
        levels: job.args.levels,
        series: job.args.series,
      });
      return { fileName, csv };
    }
    case 'backtest.run': {
      const { runDir, ...opts } = job.args;
      // Scored on every fold; the renderer gets a bounded chart (the CLI prints the whole report).
      return boundedBacktest(await runBacktest(tf, runDir, opts, log));
    }
    case 'explain.run':
      return explainForecast(tf, job.args.runDir);
    case 'predict.file':
      return {
        forecast: predictFile,
        'text-classification': predictTextFile,
        'sequence-classification': predictSequencesFile,
        'sequence-labeling': predictLabelsFile,
        'sequence-to-sequence': predictPairsFile,
      }[job.args.task ?? 'forecast'](tf, job.args.runDir, job.args.file, job.args.output);
    case 'predict.text':
      return classifyText(job.args.runDir, job.args.text, { tf });
    case 'tag.text':
      return tagText(tf, job.args.runDir, job.args.text);
    case 'generate.text':
      return generateText(job.args.runDir, { ...job.args, tf });
    case 'seq2seq.translate':
      return (await translateTexts(tf, job.args.runDir, [job.args.text]))[0];
    case 'model.export':
      return exportModel(job.args.modelDir, job.args.format, job.args.target);
    case 'model.check': {
      const { model, preprocessing, folder } = await importTfjsModel(job.args.dir, tf);
      model.dispose();
      const files = ['model.json', ...folder.weightFiles.map((w) => w.relativePath)];
      if (folder.preprocessingBytes) files.push('preprocessing.json');
      return { task: preprocessing?.task ?? 'forecast', spec: preprocessing?.spec ?? null, files };
    }
    case 'model.importKeras':
      return importKerasRun(job.args.file, await readPreprocessingFile(job.args.preprocessing), job.args.runDir);
    case 'search.score':
      return scoreCandidate(loaded, job.args.spec, job.args.stretches, job.args.epochs);
    default:
      return unknownJob(job);
  }
}

function unknownJob(job: never): never {
  throw new Error(`Unknown job: ${String((job as { name?: unknown }).name)}`);
}

/** The code and message a failed job reports, most specific first. */
export function jobFailure(err: unknown): { code: StudioErrorInfo['code']; message: string } {
  const message = messageOf(err);
  if (err instanceof DataError || err instanceof ModelFolderError) return { code: 'bad-data', message };
  if (err instanceof KerasImportError || err instanceof PreprocessingError) return { code: 'bad-data', message };
  if (err instanceof RunFolderError || err instanceof RangeError) return { code: 'invalid-request', message };
  if (err instanceof UnsupportedModelError) return { code: 'unavailable', message };
  if (err instanceof ExportCancelledError) return { code: 'io', message };
  const nodeCode = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof nodeCode === 'string' && /^E[A-Z]+$/.test(nodeCode)) return { code: 'io', message };
  return { code: 'internal', message: message || 'An unexpected error occurred.' };
}
