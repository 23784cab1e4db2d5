/**
 * An ensemble of networks as ONE plain tfjs-layers model: every member's layers, renamed
 * `member_k_<name>`, read the one shared input, and the output is the per-output median of the
 * members' forecasts, or the mean of their class probabilities. The median is built from layers
 * every export supports: for an odd number of members a sorting network of Minimum and Maximum
 * layers, for an even number the Average of the two middle values; the mean is one Average layer. Saved and loaded like any other model; `splitMembers` takes it apart again (continued
 * training).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { toStandardModel } from '../model/fused/index';
import type { Tf } from '../../tensorflow/load-tf';

type ConfigDict = tfTypes.serialization.ConfigDict;
type NodeRef = [string, number, number, ConfigDict?];
interface LayerEntry {
  name: string;
  className: string;
  config: ConfigDict;
  inboundNodes: NodeRef[][];
}
interface ModelConfig {
  name: string;
  layers: LayerEntry[];
  inputLayers: NodeRef[];
  outputLayers: NodeRef[];
}

const MEMBER = /^member_(\d+)_(.+)$/;

/** The name of layer `name` of member `k` (1-based) in the joined model. */
export function memberLayerName(k: number, name: string): string {
  return `member_${k}_${name}`;
}

/** How many members a model joins: 0 for a single network. */
export function memberCount(model: tfTypes.LayersModel): number {
  let count = 0;
  for (const layer of model.layers) {
    const m = MEMBER.exec(layer.name);
    if (m) count = Math.max(count, Number(m[1]));
  }
  return count;
}

/**
 * The layers whose outputs are the members' forecasts (each member's last layer), or the model's
 * own last layer for a single network. Setting all of them to zero makes the whole model forecast
 * exactly its baseline.
 */
export function outputLayers(model: tfTypes.LayersModel): tfTypes.layers.Layer[] {
  const n = memberCount(model);
  if (n === 0) return model.layers.slice(-1);
  const config = model.getConfig() as unknown as ModelConfig;
  const last = new Set<string>();
  for (const entry of config.layers) {
    const m = MEMBER.exec(entry.name);
    if (!m) {
      // Median layers read member outputs; those are the members' forecasts.
      for (const node of entry.inboundNodes) for (const ref of node) if (MEMBER.test(ref[0])) last.add(ref[0]);
    }
  }
  if (n === 1) for (const out of config.outputLayers) last.add(out[0]);
  return [...last].sort(byMember).map((name) => model.getLayer(name));
}

/** The output layers (see outputLayers) when all are plain dense layers, else null. */
export function denseOutputs(model: tfTypes.LayersModel): tfTypes.layers.Layer[] | null {
  const outputs = outputLayers(model);
  return outputs.length > 0 && outputs.every((l) => l.getClassName() === 'Dense') ? outputs : null;
}

/** Sets every weight of `layers` to zero. */
export function zeroLayers(tf: Tf, layers: tfTypes.layers.Layer[]): void {
  for (const layer of layers) {
    const zeroed = layer.getWeights().map((w) => tf.zerosLike(w));
    layer.setWeights(zeroed);
    tf.dispose(zeroed);
  }
}

function byMember(a: string, b: string): number {
  return Number(MEMBER.exec(a)?.[1] ?? 0) - Number(MEMBER.exec(b)?.[1] ?? 0);
}

/**
 * One model answering with the per-output median (or mean, `combine`) of `members` (each a
 * single-input, single-output network built from the same spec). The members are left as they are (the joined model has
 * its own copies of their weights) and remain the caller's to dispose.
 */
export function joinMembers(
  tf: Tf,
  members: tfTypes.LayersModel[],
  combine: EnsembleCombination = 'median',
): tfTypes.LayersModel {
  if (members.length === 0) throw new Error('An ensemble needs at least one network.');
  const layers: LayerEntry[] = [];
  const outputs: NodeRef[] = [];
  let input: LayerEntry | null = null;
  const sources: { from: tfTypes.LayersModel; renamed: Map<string, string> }[] = [];
  members.forEach((member, index) => {
    const k = index + 1;
    const standard = toStandardModel(tf, member);
    try {
      const config = standard.getConfig() as unknown as ModelConfig;
      if (config.inputLayers.length !== 1 || config.outputLayers.length !== 1)
        throw new Error('Only networks with one input and one output can be joined into an ensemble.');
      const inputName = config.inputLayers[0][0];
      const renamed = new Map<string, string>();
      for (const entry of config.layers) {
        if (entry.name === inputName) {
          input ??= entry;
          renamed.set(entry.name, input.name);
          continue;
        }
        const name = memberLayerName(k, entry.name);
        renamed.set(entry.name, name);
        layers.push({
          ...entry,
          name,
          config: { ...entry.config, name },
          inboundNodes: entry.inboundNodes.map((node) =>
            node.map((ref) => [renamed.get(ref[0]) ?? ref[0], ref[1], ref[2], ref[3] ?? {}] as NodeRef),
          ),
        });
      }
      const out = config.outputLayers[0];
      outputs.push([renamed.get(out[0]) ?? out[0], out[1], out[2]]);
      sources.push({ from: member, renamed });
    } finally {
      if (standard !== member) standard.dispose();
    }
  });
  if (!input) throw new Error('The networks have no input layer.');
  const entryOf = input as LayerEntry;
  const config: ModelConfig = {
    name: 'recurrent_studio_members',
    layers: [entryOf, ...layers],
    inputLayers: [[entryOf.name, 0, 0]],
    outputLayers: outputs,
  };
  // Weights are copied right after, so the initializers need not run.
  const all = tf.LayersModel.fromConfig(
    tf.LayersModel,
    config as unknown as ConfigDict,
    {},
    true,
  ) as tfTypes.LayersModel;
  for (const { from, renamed } of sources) {
    for (const layer of from.layers) {
      const weights = layer.getWeights();
      if (weights.length > 0) all.getLayer(renamed.get(layer.name) ?? layer.name).setWeights(weights);
    }
  }
  const joined = combine === 'mean' ? meanOf(tf, all.outputs) : medianOf(tf, all.outputs);
  return tf.model({ inputs: all.inputs, outputs: joined, name: 'recurrent_studio_ensemble' });
}

/** The element-wise operations a median network is made of, in some graph (tfjs layers, ONNX). */
export interface MedianOps<T> {
  min(a: T, b: T, name: string): T;
  max(a: T, b: T, name: string): T;
  mean(a: T, b: T, name: string): T;
}

/**
 * The per-element median of `values` from element-wise operations only: the middle one of an odd
 * count, from a sorting network of minima and maxima; the mean of the two middle ones of an even
 * count.
 */
export function medianNetwork<T>(values: T[], ops: MedianOps<T>): T {
  const n = values.length;
  if (n === 0) throw new Error('The median of no values is undefined.');
  if (n === 1) return values[0];
  if (n === 2) return ops.mean(values[0], values[1], 'median');
  // Odd-even transposition sort: n rounds of compare-and-swap between neighbours sort any input.
  const sorted = [...values];
  for (let round = 0; round < n; round++) {
    for (let i = round % 2; i + 1 < n; i += 2) {
      const [a, b] = [sorted[i], sorted[i + 1]];
      sorted[i] = ops.min(a, b, `median_min_${round + 1}_${i + 1}`);
      sorted[i + 1] = ops.max(a, b, `median_max_${round + 1}_${i + 1}`);
    }
  }
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : ops.mean(sorted[mid - 1], sorted[mid], 'median');
}

/** The per-element median of `values` as Minimum, Maximum and Average layers (see medianNetwork). */
export function medianOf(tf: Tf, values: tfTypes.SymbolicTensor[]): tfTypes.SymbolicTensor {
  const apply = (layer: tfTypes.layers.Layer, a: tfTypes.SymbolicTensor, b: tfTypes.SymbolicTensor) =>
    layer.apply([a, b]) as tfTypes.SymbolicTensor;
  return medianNetwork(values, {
    min: (a, b, name) => apply(tf.layers.minimum({ name }), a, b),
    max: (a, b, name) => apply(tf.layers.maximum({ name }), a, b),
    mean: (a, b, name) => apply(tf.layers.average({ name }), a, b),
  });
}

/**
 * The members of a joined model as separate networks, with their layers' own names again and
 * copies of their weights (for continued training). The caller disposes them.
 */
export function splitMembers(tf: Tf, model: tfTypes.LayersModel): tfTypes.LayersModel[] {
  const n = memberCount(model);
  const config = model.getConfig() as unknown as ModelConfig;
  const inputName = config.inputLayers[0][0];
  const input = config.layers.find((l) => l.name === inputName);
  if (!input) throw new Error('The ensemble has no input layer.');
  const lastOf = new Map(outputLayers(model).map((l) => [Number(MEMBER.exec(l.name)?.[1] ?? 0), l.name]));
  const members: tfTypes.LayersModel[] = [];
  for (let k = 1; k <= n; k++) {
    const prefix = memberLayerName(k, '');
    const strip = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
    const own = config.layers.filter((l) => l.name.startsWith(prefix));
    const last = lastOf.get(k);
    if (!last) throw new Error(`Network ${k} of the ensemble has no output.`);
    const memberConfig: ModelConfig = {
      name: 'recurrent_studio',
      layers: [
        input,
        ...own.map((l) => ({
          ...l,
          name: strip(l.name),
          config: { ...l.config, name: strip(l.name) },
          inboundNodes: l.inboundNodes.map((node) => node.map((ref) => [strip(ref[0]), ...ref.slice(1)] as NodeRef)),
        })),
      ],
      inputLayers: config.inputLayers,
      outputLayers: [[strip(last), 0, 0]],
    };
    const member = tf.LayersModel.fromConfig(
      tf.LayersModel,
      memberConfig as unknown as ConfigDict,
      {},
      true,
    ) as tfTypes.LayersModel;
    for (const l of own) {
      const weights = model.getLayer(l.name).getWeights();
      if (weights.length > 0) member.getLayer(strip(l.name)).setWeights(weights);
    }
    members.push(member);
  }
  return members;
}

/** How an ensemble's networks are combined: forecasts by their median, class probabilities by their mean. */
export type EnsembleCombination = 'median' | 'mean';

/** The combination a task's ensemble uses. */
export function ensembleCombination(task: string): EnsembleCombination {
  return task === 'forecast' ? 'median' : 'mean';
}

/** The per-element mean of `values` as one Average layer (the values themselves for one). */
export function meanOf(tf: Tf, values: tfTypes.SymbolicTensor[]): tfTypes.SymbolicTensor {
  if (values.length === 1) return values[0];
  return tf.layers.average({ name: 'ensemble_mean' }).apply(values) as tfTypes.SymbolicTensor;
}
