/**
 * Imports a Keras 3 `.keras` model as a completed run: the model must fit the run preparation
 * in a preprocessing.json (its input is the window the preparation builds, its output what the
 * task reads), is converted to the app's TensorFlow.js model folder and is scored on the spec's
 * data file with the same evaluation a trained run gets (beside naive and seasonal naive).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTable } from '../../data/import/load-table';
import { saveLayersModel } from '../../engine/model/save-model';
import { headline } from '../../engine/tasks/prepared-task';
import { TASK_PREPARERS } from '../../engine/tasks/task-preparers';
import type { PreprocessingFile } from '../../shared/preprocessing';
import { readPreprocessing } from '../../shared/preprocessing-schema';
import { startedRun } from '../../shared/run-summary';
import type { RunResult } from '../../shared/types';
import { loadTf } from '../../tensorflow/load-tf';
import { KerasImportError } from './keras-import-error';
import { kerasToTfjs, type KerasInput } from './keras-to-tfjs';
import { readKerasFile } from './read-keras-file';

/** What the model's input and output must be for the preparation, or the reason none fits. */
function expectedShapes(pre: PreprocessingFile): { input: number[]; ids: boolean; outputs: number[] } {
  // A global model (pre.series) reads every series through the same window of inputs.
  if (pre.task === 'forecast' && pre.target) {
    return { input: [pre.lookback, pre.inputs.length], ids: false, outputs: [pre.horizon] };
  }
  if (pre.task === 'text-classification' && pre.text && pre.classes) {
    const n = pre.classes.length;
    return { input: [pre.text.maxLength], ids: true, outputs: n === 2 ? [1, 2] : [n] };
  }
  throw new KerasImportError(
    `Keras models import as forecasts or text classifiers; the preprocessing is for a ${pre.task} run.`,
  );
}

/** Refuses a model whose input or output does not fit the preparation, naming both shapes. */
export function checkFit(pre: PreprocessingFile, input: KerasInput, outputShape: (number | null)[]): void {
  const want = expectedShapes(pre);
  const shown = (s: (number | null)[]) => `[${s.join(', ')}]`;
  if (input.shape.join('x') !== want.input.join('x')) {
    const what =
      pre.task === 'forecast' ? `${pre.lookback} steps × ${pre.inputs.length} inputs` : `${want.input[0]} token ids`;
    throw new KerasImportError(
      `The model takes inputs of shape ${shown(input.shape)}, but the run's preparation gives windows of ${what} ${shown(want.input)}.`,
    );
  }
  if (input.ids !== want.ids) {
    throw new KerasImportError(
      want.ids
        ? 'The model takes numbers, but a text classifier reads token ids.'
        : 'The model takes token ids, but a forecast reads numbers.',
    );
  }
  const out = outputShape.slice(1);
  if (out.length !== 1 || !want.outputs.includes(out[0] ?? -1)) {
    throw new KerasImportError(
      `The model outputs ${shown(out)} per sample; the run needs ${want.outputs.map((n) => `[${n}]`).join(' or ')} (${pre.task === 'forecast' ? `one value per forecast step` : 'one score per class'}).`,
    );
  }
}

/** Reads and checks a preprocessing.json file. */
export async function readPreprocessingFile(file: string): Promise<PreprocessingFile> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      // A .keras file from elsewhere: the app needs the preparation of the run the model fits.
      throw new KerasImportError(
        `There is no preprocessing file ${file}: put the preprocessing.json of the run the model fits beside it (a training project's output folder has one).`,
      );
    }
    throw new KerasImportError(`The preprocessing file ${file} cannot be read as JSON (${String(err)}).`);
  }
  return readPreprocessing(value, file);
}

/**
 * Converts the `.keras` file into `runDir/model` (with the preprocessing beside it) and scores it.
 * @returns the run record (also written as runDir/run.json)
 */
export async function importKerasRun(
  kerasFile: string,
  pre: PreprocessingFile,
  runDir: string,
  log: (line: string) => void = () => undefined,
): Promise<RunResult> {
  const started = Date.now();
  const file = await readKerasFile(new Uint8Array(await readFile(kerasFile)));
  const { tf, backend } = await loadTf();
  const { model, input } = kerasToTfjs(tf, file);
  try {
    checkFit(pre, input, model.outputs[0].shape);
    const modelDir = path.join(runDir, 'model');
    await mkdir(runDir, { recursive: true });
    try {
      await saveLayersModel(tf, model, modelDir);
      await writeFile(path.join(modelDir, 'preprocessing.json'), JSON.stringify(pre));
      const run = startedRun(path.basename(runDir), pre.spec, new Date(started).toISOString(), backend);
      run.name = `${pre.spec.name} (Keras import)`;
      run.modelDir = modelDir;
      run.log.push(`Imported from ${kerasFile}.`);
      run.evaluation = await scoreOnData(tf, model, pre, (line) => {
        run.log.push(line);
        log(line);
      });
      run.headline = run.evaluation ? headline(run.evaluation) : {};
      run.status = 'completed';
      run.durationSeconds = (Date.now() - started) / 1000;
      await writeFile(path.join(runDir, 'run.json'), JSON.stringify(run, null, 1));
      return run;
    } catch (err) {
      await rm(runDir, { recursive: true, force: true });
      throw err;
    }
  } finally {
    model.dispose();
  }
}

/** The test-split evaluation of a trained run, on the spec's data file with the given preprocessing. */
async function scoreOnData(
  tf: Awaited<ReturnType<typeof loadTf>>['tf'],
  model: tfTypes.LayersModel,
  pre: PreprocessingFile,
  log: (line: string) => void,
): Promise<RunResult['evaluation']> {
  const spec = pre.spec;
  try {
    const { table } = await loadTable(spec.data.file, {
      sheet: spec.data.sheet,
      typeOverrides: spec.data.columnTypes,
      timeParts: spec.data.timeParts,
    });
    const task = TASK_PREPARERS[spec.task](table, spec, { log, fixed: pre });
    return task.evaluate(tf, model);
  } catch (err) {
    // The model stays usable; the run says why it has no scores.
    log(`Not scored on ${spec.data.file}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
