/**
 * Replaces one value deep inside a JSON document, the path chosen by `picks` (each a key index
 * modulo the keys there): how the fuzz suites give a saved file's field an arbitrary value.
 */
export function setDeep(doc: unknown, picks: number[], value: unknown): unknown {
  if (picks.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[picks[0] % keys.length];
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string, unknown>;
  copy[key] = setDeep(copy[key], picks.slice(1), value);
  return copy;
}
