/**
 * One preparer per task: each turns the loaded table and the spec into a PreparedTask (batches,
 * model sizes, loss, evaluation, saved preprocessing). A new task adds its folder and one entry.
 */
import { pickSeries, prepareEverySeries } from '../../data/prepare/multi-series';
import type { Table } from '../../data/table';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { ExperimentSpec, Task } from '../../shared/spec';
import { forecastTask } from './forecast/forecast-task';
import { globalForecastTask } from './forecast/global-forecast-task';
import type { PreparedTask } from './prepared-task';
import { prepareSequenceClassification } from './sequence-classification/sequence-classification-task';
import { prepareSeq2seq } from './seq2seq/seq2seq-task';
import { prepareSequenceLabeling } from './sequence-labeling/sequence-labeling-task';
import { prepareTextClassification } from './text-classification/text-classification-task';
import { prepareTextGeneration } from './text-generation/text-generation-task';

export interface PrepareContext {
  log(line: string): void;
  /** Saved preprocessing to reuse instead of fitting (continued training). */
  fixed?: PreprocessingFile;
}

export type TaskPreparer = (table: Table, spec: ExperimentSpec, ctx: PrepareContext) => PreparedTask;

function prepareForecastTask(table: Table, spec: ExperimentSpec, ctx: PrepareContext): PreparedTask {
  const prepared = prepareEverySeries(table, spec.data);
  if (prepared.length === 0) throw new Error('The file holds no series to train on.');
  const picked = pickSeries(prepared, spec.data);
  if (picked.length > 1 && !ctx.fixed) return globalForecastTask(picked, spec);
  const series = picked[0];
  if (prepared.length > 1) {
    ctx.log(
      `The file holds ${prepared.length} series; this run trains on ${spec.data.series.id === null ? 'the first one' : 'one'} (${series.id ?? 'unnamed'}). Choose all series to train one network over every series.`,
    );
  }
  return forecastTask(series, spec, ctx.fixed);
}

export const TASK_PREPARERS: Record<Task, TaskPreparer> = {
  forecast: prepareForecastTask,
  'sequence-classification': (table, spec) => prepareSequenceClassification(table, spec),
  'text-classification': (table, spec, ctx) => prepareTextClassification(table, spec, ctx.fixed),
  'text-generation': (table, spec, ctx) => prepareTextGeneration(table, spec, ctx.fixed),
  'sequence-labeling': (table, spec) => prepareSequenceLabeling(table, spec),
  'sequence-to-sequence': (table, spec) => prepareSeq2seq(table, spec),
};
