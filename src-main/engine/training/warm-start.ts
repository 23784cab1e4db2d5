/**
 * Continue training from a saved model: open its folder, check that the spec builds the same
 * architecture, and copy the saved weights layer by layer into the freshly built model. Saved
 * models hold standard layers only; fused layers keep the same weight layout, so a model
 * trained fused can continue unfused and the other way round.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { loadFolderModel } from '../model/load-model-folder';
import { readModelFolder } from '../model/model-folder';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { ExperimentSpec, Task } from '../../shared/spec';
import type { Tf } from '../../tensorflow/load-tf';
import { isFusedLayer } from '../model/fused/fused-layer';
import { messageOf } from '../../shared/error-message';
import { memberCount, splitMembers } from './ensemble-weights';

/** Tasks whose preparation can reuse saved preprocessing (scalers, vocabulary, classes). */
const CONTINUABLE: ReadonlySet<Task> = new Set(['forecast', 'text-classification', 'text-generation']);

/** The run could not continue from the saved model; the message says why and what to do. */
export class WarmStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WarmStartError';
  }
}

/** The saved model a run continues from. */
export interface WarmStart {
  model: tfTypes.LayersModel;
  /** preprocessing.json saved with the model; the new run reuses it instead of refitting. */
  preprocessing: PreprocessingFile;
}

/**
 * Opens a model folder (model.json + weights.bin + preprocessing.json) for continued training
 * of `spec`. Throws WarmStartError when the folder or the task cannot be continued. A saved
 * ensemble continues network by network: `member` (1-based) picks the one whose weights come back.
 */
export async function openWarmStart(tf: Tf, dir: string, spec: ExperimentSpec, member = 1): Promise<WarmStart> {
  if (!CONTINUABLE.has(spec.task)) {
    throw new WarmStartError(
      `Continuing training is available for forecasts and text tasks; a ${spec.task} run has to start from scratch.`,
    );
  }
  let folder;
  try {
    folder = await readModelFolder(dir);
  } catch (err) {
    throw new WarmStartError(`The saved model cannot be read: ${messageOf(err)}`);
  }
  const preprocessing = folder.preprocessing;
  if (!preprocessing) {
    throw new WarmStartError(
      `The saved model in ${dir} has no preprocessing.json, so its inputs cannot be prepared the same way. Train from scratch instead.`,
    );
  }
  if (preprocessing.task !== spec.task) {
    throw new WarmStartError(
      `The saved model was trained for ${preprocessing.task}, but the spec asks for ${spec.task}. Continue with a spec of the same task.`,
    );
  }
  checkCompatiblePreprocessing(spec, preprocessing);
  const model = await loadFolderModel(tf, folder);
  return { model: savedMember(tf, model, spec.training.ensemble, member), preprocessing };
}

/**
 * Network `member` of a saved model, which must hold as many networks as the spec's ensemble
 * size (a single network counts as one). Takes ownership of `model`.
 */
function savedMember(tf: Tf, model: tfTypes.LayersModel, wanted: number, member: number): tfTypes.LayersModel {
  const saved = memberCount(model);
  if (Math.max(1, saved) !== wanted) {
    model.dispose();
    const has = saved === 0 ? 'a single network' : `an ensemble of ${saved} networks`;
    throw new WarmStartError(
      `The saved model is ${has}, but the spec's ensemble size is ${wanted}. Continuing trains each network again, so set the ensemble size to ${Math.max(1, saved)}, or train from scratch.`,
    );
  }
  if (saved === 0) return model;
  const members = splitMembers(tf, model);
  model.dispose();
  members.forEach((m, i) => {
    if (i !== member - 1) m.dispose();
  });
  return members[member - 1];
}

/** Text settings decide what a token id means; the saved ones must match the spec's. */
function checkCompatiblePreprocessing(spec: ExperimentSpec, saved: PreprocessingFile): void {
  const t = spec.data.text;
  if (saved.text && (spec.task === 'text-classification' || spec.task === 'text-generation')) {
    if (saved.text.tokens !== t.tokens) {
      throw new WarmStartError(
        `The saved model reads ${saved.text.tokens} tokens, but the spec asks for ${t.tokens} tokens. Set the spec back to ${saved.text.tokens} tokens to continue.`,
      );
    }
    if (saved.text.lowercase !== t.lowercase) {
      throw new WarmStartError(
        `The saved model was trained on ${saved.text.lowercase ? 'lowercased' : 'case-sensitive'} text; set the spec's lowercase option to ${saved.text.lowercase} to continue.`,
      );
    }
  }
}

/**
 * Copies the saved model's weights into `target`, layer by layer. Throws WarmStartError naming
 * the first difference when the architectures do not match.
 */
export function copyWeights(target: tfTypes.LayersModel, saved: tfTypes.LayersModel): void {
  const wanted = target.layers.filter((l) => l.weights.length > 0);
  const have = saved.layers.filter((l) => l.weights.length > 0);
  const pairs = Math.min(wanted.length, have.length);
  for (let i = 0; i < pairs; i++) {
    const a = describeLayer(have[i]);
    const b = describeLayer(wanted[i]);
    if (a !== b) throw mismatch(`has ${a} where the spec asks for ${b} (layer ${i + 1} with weights)`);
  }
  if (wanted.length !== have.length) {
    const extra = wanted.length > have.length ? wanted[pairs] : have[pairs];
    throw mismatch(
      wanted.length > have.length
        ? `ends where the spec adds ${describeLayer(extra)}`
        : `has ${describeLayer(extra)} after the layers the spec asks for`,
    );
  }
  for (let i = 0; i < pairs; i++) {
    const from = have[i].getWeights();
    const to = wanted[i].weights;
    if (from.length !== to.length) {
      throw mismatch(`has ${from.length} weight arrays in ${describeLayer(have[i])} where the spec needs ${to.length}`);
    }
    for (let w = 0; w < to.length; w++) {
      const a = from[w].shape;
      const b = to[w].shape;
      if (a.length !== b.length || a.some((n, k) => n !== b[k])) {
        throw mismatch(
          `has ${describeLayer(have[i])} weights of shape [${a.join(', ')}] where the spec needs [${b.join(', ')}] (${shapeHint(have[i])})`,
        );
      }
    }
  }
  for (let i = 0; i < pairs; i++) wanted[i].setWeights(have[i].getWeights());
}

function mismatch(detail: string): WarmStartError {
  return new WarmStartError(
    `The saved model ${detail}. Continuing training needs the same architecture: change the spec to match the saved model, or train from scratch.`,
  );
}

/** Why a weight shape usually changes, so the user knows which setting to look at. */
function shapeHint(layer: tfTypes.layers.Layer): string {
  const name = layer.getClassName();
  if (name === 'Embedding') return 'the vocabulary size or embedding size differs';
  if (name === 'Dense') return 'the number of inputs or outputs differs';
  return 'the number of input features or units differs';
}

type ConfigDict = tfTypes.serialization.ConfigDict;

/** A short name such as LSTM(32), Bidirectional(GRU(16)) or Dense(1); fused layers read as standard ones. */
export function describeLayer(layer: tfTypes.layers.Layer): string {
  if (isFusedLayer(layer)) {
    const c = layer.fusedConfig;
    const cell = `${c.cell}(${c.units})`;
    return c.bidirectional ? `Bidirectional(${cell})` : cell;
  }
  return describeConfig(layer.getClassName(), layer.getConfig());
}

function describeConfig(className: string, config: ConfigDict): string {
  if (className === 'Bidirectional') {
    const inner = config.layer as ConfigDict | undefined;
    const innerConfig = (inner?.config ?? {}) as ConfigDict;
    return `Bidirectional(${describeConfig(String(inner?.className ?? 'layer'), innerConfig)})`;
  }
  if (className === 'Embedding') return `Embedding(${String(config.inputDim)} → ${String(config.outputDim)})`;
  if (typeof config.units === 'number') return `${className}(${config.units})`;
  return className;
}
