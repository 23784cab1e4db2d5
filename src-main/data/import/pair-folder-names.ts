/**
 * How the files of a folder of pairs are matched by name: two sides told apart by the extension
 * (`train.en` + `train.fr`, `001.src` + `001.tgt`) or by the end of the name before a shared
 * extension (`source.txt` + `target.txt`, `train_en.txt` + `train_fr.txt`), and which side the
 * model reads. Names only: nothing here opens a file.
 */

/** One file of the folder, as a key shared by its partner and a side. */
export interface PairName {
  name: string;
  /** What both files of a pair have in common ('' for `source.txt` + `target.txt`). */
  key: string;
  side: string;
}

/** The files matched up: the two sides (source first) and, per key, the file of each side. */
export interface PairNames {
  sides: [string, string];
  pairs: { key: string; source: string; target: string }[];
  /** Files of the folder that have no partner or belong to neither side. */
  unpaired: string[];
}

/** Side names that say which file is read and which is written. */
const SOURCE_SIDES = new Set(['src', 'source', 'sources', 'in', 'input', 'inputs', 'from', 'question', 'x']);
const TARGET_SIDES = new Set(['tgt', 'trg', 'target', 'targets', 'out', 'output', 'outputs', 'to', 'answer', 'y']);

/**
 * Extensions of ordinary file types: `notes.txt` beside `notes.md` is not a pair of languages.
 * A side told apart by extension must be something else (a language code, src/tgt, in/out).
 */
const FILE_TYPES = new Set(
  'txt text md csv tsv json jsonl xml html htm pdf doc docx odt rtf xls xlsx ods zip gz bz2 xz tar 7z py js ts sh bat yaml yml ini cfg toml log png jpg jpeg gif svg bin dat rsproj keras onnx'.split(
    ' ',
  ),
);

/** Files that travel with a dataset but are not data. */
const DOCUMENT = /^(readme|license|licence|copying|notice|citation|changelog)(\..*)?$/i;

function knownSide(side: string): boolean {
  return SOURCE_SIDES.has(side) || TARGET_SIDES.has(side);
}

/** A side named at the end of a file name: a known side word or a language code ('en', 'fra'). */
function namedSide(side: string): boolean {
  return knownSide(side) || /^[a-z]{2,3}$/.test(side);
}

/** `train.en` → key 'train', side 'en'; null when the extension is a file type (or there is none). */
function byExtension(name: string): PairName | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const side = name.slice(dot + 1).toLowerCase();
  if (side === '' || (FILE_TYPES.has(side) && !knownSide(side))) return null;
  return { name, key: name.slice(0, dot), side };
}

/** `train_en.txt` → key 'train', side 'en'; `target.txt` → key '', side 'target'. */
function byNameEnd(name: string): PairName | null {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const cut = Math.max(stem.lastIndexOf('.'), stem.lastIndexOf('_'), stem.lastIndexOf('-'));
  const side = stem.slice(cut + 1).toLowerCase();
  // A bare 'cat.txt' beside 'dog.txt' is two texts; 'source.txt' or 'train_en.txt' name a side.
  if (!(knownSide(side) || (cut > 0 && namedSide(side)))) return null;
  return { name, key: `${cut > 0 ? stem.slice(0, cut) : ''}${dot > 0 ? name.slice(dot) : ''}`, side };
}

/** True for files that are never data (README, LICENSE). */
export function isDocumentFile(name: string): boolean {
  return DOCUMENT.test(name);
}

/**
 * Matches the files into pairs, trying sides by extension and then by the end of the name.
 * Answers null when the names hold no pair at all (the folder is something else, e.g. texts).
 */
export function matchPairNames(names: readonly string[]): PairNames | null {
  for (const split of [byExtension, byNameEnd]) {
    const found = matchWith(names, split);
    if (found) return found;
  }
  return null;
}

function matchWith(names: readonly string[], split: (name: string) => PairName | null): PairNames | null {
  const parsed = names.map(split);
  const keysBySide = new Map<string, Set<string>>();
  for (const p of parsed) {
    if (!p) continue;
    const keys = keysBySide.get(p.side) ?? new Set<string>();
    keys.add(p.key);
    keysBySide.set(p.side, keys);
  }
  const sides = chooseSides(keysBySide);
  if (!sides) return null;
  const [sourceSide, targetSide] = sides;
  const byKey = new Map<string, { source?: string; target?: string }>();
  for (const p of parsed) {
    if (!p || (p.side !== sourceSide && p.side !== targetSide)) continue;
    const entry = byKey.get(p.key) ?? {};
    if (p.side === sourceSide) entry.source = p.name;
    else entry.target = p.name;
    byKey.set(p.key, entry);
  }
  const pairs: PairNames['pairs'] = [];
  const paired = new Set<string>();
  for (const [key, e] of byKey) {
    if (e.source === undefined || e.target === undefined) continue;
    pairs.push({ key, source: e.source, target: e.target });
    paired.add(e.source).add(e.target);
  }
  if (pairs.length === 0) return null;
  return { sides, pairs, unpaired: names.filter((n) => !paired.has(n)) };
}

/**
 * The two sides that pair up the most files, source first: a known source word (src, in) before
 * a known target word (tgt, out), then the order a shared name gives ('fr-en': fr → en), then
 * alphabetical. Null when no two sides share a key.
 */
function chooseSides(keysBySide: Map<string, Set<string>>): [string, string] | null {
  const sides = [...keysBySide.keys()];
  let best: { a: string; b: string; shared: number; known: number } | null = null;
  for (let i = 0; i < sides.length; i++) {
    for (let j = i + 1; j < sides.length; j++) {
      const a = sides[i];
      const b = sides[j];
      const keysB = keysBySide.get(b) ?? new Set<string>();
      let shared = 0;
      for (const k of keysBySide.get(a) ?? []) if (keysB.has(k)) shared++;
      if (shared === 0) continue;
      const known = Number(knownSide(a)) + Number(knownSide(b));
      if (!best || known > best.known || (known === best.known && shared > best.shared)) best = { a, b, shared, known };
    }
  }
  if (!best) return null;
  return orderSides(best.a, best.b, [...(keysBySide.get(best.a) ?? [])][0] ?? '');
}

function orderSides(a: string, b: string, key: string): [string, string] {
  if (SOURCE_SIDES.has(b) || TARGET_SIDES.has(a)) return [b, a];
  if (SOURCE_SIDES.has(a) || TARGET_SIDES.has(b)) return [a, b];
  const named = key.toLowerCase().match(/(?:^|[._-])([a-z]{2,3})[-_2]([a-z]{2,3})(?:$|[._-])/);
  if (named && named[1] === b && named[2] === a) return [b, a];
  if (named && named[1] === a && named[2] === b) return [a, b];
  return a < b ? [a, b] : [b, a];
}
