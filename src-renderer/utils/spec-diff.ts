/** Compares two specs field by field, as dotted paths, for the side-by-side run diff. */

export type Leaf = string | number | boolean | null;

/** Every leaf of a JSON value by dotted path; arrays index by position (e.g. "model.layers.0.units"). */
export function flatten(value: unknown, prefix = '', out: Map<string, Leaf> = new Map()): Map<string, Leaf> {
  if (Array.isArray(value)) {
    // An empty list is a value of its own, so "no feature columns" differs from "one".
    if (value.length === 0 && prefix) out.set(prefix, '[]');
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value === undefined ? null : (value as Leaf));
  }
  return out;
}

export interface DiffRow {
  path: string;
  left: Leaf | undefined;
  right: Leaf | undefined;
  differs: boolean;
}

/** All paths of both specs in a stable order, each marked when the two values differ. */
export function diffSpecs(left: unknown, right: unknown): DiffRow[] {
  const a = flatten(left);
  const b = flatten(right);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const l = a.get(path);
    const r = b.get(path);
    return { path, left: l, right: r, differs: l !== r };
  });
}
