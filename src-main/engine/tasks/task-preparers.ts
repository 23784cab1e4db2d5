/**
 * One preparer per task: each turns the loaded table and the spec into a PreparedTask (batches,
 * model sizes, loss, evaluation, saved preprocessing). A new task adds its folder and one entry.
 */
import { pickSeries, prepareEverySeries } from '../../data/prepare/multi-series';
import type { Table } from '../../data/table';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { ExperimentSpec, Task } from '../../shared/spec';
import { forecastTask } from './forecast/forecast-task';
import { globalForecastTask, savedForSeries } from './forecast/global-forecast-task';
import type { ProgressMessage } from './forecast/preparation-progress';
import type { PreparedTask } from './prepared-task';
import { prepareSequenceClassification } from './sequence-classification/sequence-classification-task';
import { prepareSeq2seq } from './seq2seq/seq2seq-task';
import { prepareSequenceLabeling } from './sequence-labeling/sequence-labeling-task';
import { prepareTextClassification } from './text-classification/text-classification-task';
import { prepareTextGeneration } from './text-generation/text-generation-task';

export interface PrepareContext {
  log(line: string): void;
  /** Hears how far the preparation is (a long series, or the series of a many-series forecast). */
  progress?: ProgressMessage;
  /** Saved preprocessing to reuse instead of fitting (continued training). */
  fixed?: PreprocessingFile;
}

export type TaskPreparer = (table: Table, spec: ExperimentSpec, ctx: PrepareContext) => PreparedTask;

function prepareForecastTask(table: Table, spec: ExperimentSpec, ctx: PrepareContext): PreparedTask {
  const prepared = prepareEverySeries(table, spec.data);
  if (prepared.length === 0) throw new Error('The file holds no series to train on.');
  const picked = pickSeries(prepared, spec.data);
  if (picked.length > 1) {
    if (ctx.fixed && !ctx.fixed.series) {
      throw new Error(
        'The model being continued was trained on one series; continue it with one series, or train a new model over all series.',
      );
    }
    return globalForecastTask(picked, spec, ctx.fixed, ctx.progress);
  }
  const series = picked[0];
  if (prepared.length > 1) {
    ctx.log(
      `The file holds ${prepared.length} series; this run trains on ${spec.data.series.id === null ? 'the first one' : 'one'} (${series.id ?? 'unnamed'}). Choose all series to train one network over every series.`,
    );
  }
  return forecastTask(
    series,
    spec,
    ctx.fixed?.series ? ownSaved(ctx.fixed, series.id ?? series.targetName) : ctx.fixed,
    ctx.progress,
  );
}

/** One series of a global model being continued on its own: that series' scalers and transform. */
function ownSaved(fixed: PreprocessingFile, id: string): PreprocessingFile {
  const own = savedForSeries(fixed, id);
  if (!own) {
    throw new Error(
      `The model being continued was not trained on the series '${id}'; pick one of its series, or train a new model.`,
    );
  }
  return own;
}

export const TASK_PREPARERS: Record<Task, TaskPreparer> = {
  forecast: prepareForecastTask,
  'sequence-classification': (table, spec) => prepareSequenceClassification(table, spec),
  'text-classification': (table, spec, ctx) => prepareTextClassification(table, spec, ctx.fixed),
  'text-generation': (table, spec, ctx) => prepareTextGeneration(table, spec, ctx.fixed),
  'sequence-labeling': (table, spec) => prepareSequenceLabeling(table, spec),
  'sequence-to-sequence': (table, spec) => prepareSeq2seq(table, spec),
};
