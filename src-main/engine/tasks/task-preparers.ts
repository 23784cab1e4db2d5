/**
 * One preparer per task: each turns the loaded table and the spec into a PreparedTask (batches,
 * model sizes, loss, evaluation, saved preprocessing). A new task adds its folder and one entry.
 */
import { prepareSeries } from '../../data/prepare/series';
import type { Table } from '../../data/table';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { ExperimentSpec, Task } from '../../shared/spec';
import { forecastTask } from './forecast/forecast-task';
import type { PreparedTask } from './prepared-task';
import { prepareSequenceClassification } from './sequence-classification/sequence-classification-task';
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
  const prepared = prepareSeries(table, spec.data);
  if (prepared.length === 0) throw new Error('The file holds no series to train on.');
  const series = prepared[0];
  if (prepared.length > 1) {
    ctx.log(`The file holds ${prepared.length} series; this run trains on the first one (${series.id ?? 'unnamed'}).`);
  }
  return forecastTask(series, spec, ctx.fixed);
}

export const TASK_PREPARERS: Record<Task, TaskPreparer> = {
  forecast: prepareForecastTask,
  'sequence-classification': (table, spec) => prepareSequenceClassification(table, spec),
  'text-classification': (table, spec, ctx) => prepareTextClassification(table, spec, ctx.fixed),
  'text-generation': (table, spec, ctx) => prepareTextGeneration(table, spec, ctx.fixed),
  'sequence-labeling': (table, spec) => prepareSequenceLabeling(table, spec),
};
