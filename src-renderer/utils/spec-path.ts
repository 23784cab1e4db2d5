/**
 * Reading and writing one setting of a spec by its dotted path ("training.optimizer.learningRate",
 * "model.layers.0.units"), the same paths main's problems carry.
 */

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function step(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

/** The value at `path`, or undefined when a part of the path does not exist. */
export function readPath(root: unknown, path: string): unknown {
  let here: unknown = root;
  for (const key of path.split('.')) {
    if (!isContainer(here)) return undefined;
    here = step(here, key);
  }
  return here;
}

/** Sets the value at `path`; returns false (and changes nothing) when its parent does not exist. */
export function writePath(root: unknown, path: string, value: unknown): boolean {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.length ? readPath(root, keys.join('.')) : root;
  if (last === undefined || !isContainer(parent)) return false;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else parent[last] = value;
  return true;
}

/** "training.optimizer.learningRate" → "learning-rate": the last part in kebab case, for ids. */
export function lastPartKebab(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
