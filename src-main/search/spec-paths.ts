/**
 * Setting one field of a spec by a dotted path, as search plans name them:
 * `training.optimizer.learningRate`, `model.layers.0.units`, `model.layers.*.dropout` (every
 * layer) and the virtual `model.layerCount` (how many recurrent layers are stacked).
 */

export type PlanValue = number | string | boolean;
type Json = PlanValue | null | Json[] | { [key: string]: Json };

/** The virtual path that sets the number of stacked recurrent layers. */
export const LAYER_COUNT_PATH = 'model.layerCount';

/** A path that does not name a setting of the spec (reported on the row it affects). */
export class SpecPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecPathError';
  }
}

/**
 * Applies `value` at `path` inside `spec` (a plain JSON object, changed in place). Only
 * existing settings can be set: a typo must not silently add an ignored field.
 */
export function setSpecPath(spec: Record<string, unknown>, path: string, value: PlanValue): void {
  if (path === LAYER_COUNT_PATH) return setLayerCount(spec, value);
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new SpecPathError(`"${path}" is not a setting path.`);
  }
  setIn(spec as Json, parts, value, path);
}

function setIn(node: Json, parts: string[], value: PlanValue, path: string): void {
  const [head, ...rest] = parts;
  if (Array.isArray(node)) {
    const indexes = head === '*' ? node.map((_, i) => i) : [arrayIndex(head, node.length, path)];
    for (const i of indexes) {
      if (rest.length === 0) node[i] = value;
      else setIn(node[i], rest, value, path);
    }
    return;
  }
  if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, head)) {
    throw new SpecPathError(`"${path}" is not a setting of the spec (no "${head}").`);
  }
  if (rest.length === 0) {
    const current = node[head];
    if (current !== null && typeof current === 'object') {
      throw new SpecPathError(`"${path}" is a group of settings; name one field inside it.`);
    }
    node[head] = value;
  } else {
    setIn(node[head], rest, value, path);
  }
}

function arrayIndex(segment: string, length: number, path: string): number {
  if (!/^\d+$/.test(segment)) throw new SpecPathError(`"${path}": "${segment}" must be a position (0, 1, …) or *.`);
  const i = Number(segment);
  if (i >= length) throw new SpecPathError(`"${path}": there is no item ${i + 1}; the spec has ${length}.`);
  return i;
}

function setLayerCount(spec: Record<string, unknown>, value: PlanValue): void {
  const model = spec.model as { layers?: unknown } | undefined;
  const layers = model?.layers;
  if (!Array.isArray(layers) || layers.length === 0)
    throw new SpecPathError('The spec has no recurrent layers to stack.');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 8) {
    throw new SpecPathError(`model.layerCount must be a whole number from 1 to 8, not ${JSON.stringify(value)}.`);
  }
  // Existing layers keep their settings; added layers copy the first one.
  model!.layers = Array.from({ length: value }, (_, i) => structuredClone(layers[i] ?? layers[0]));
}
