/**
 * The check that bundle scripts run on their preprocessing.json before anything else: the
 * fields they use, with the same rules as the app's schema (src-main/shared/preprocessing-schema.ts;
 * a test holds the two together). A damaged file stops a script with one sentence and exit
 * code 2, instead of a constant forecast, `[null]` or a traceback.
 */

/** What a field must hold. `min` applies to 'int'. */
export type FieldKind = 'int' | 'number' | 'positive' | 'enum' | 'list' | 'string' | 'bool';

/** [dotted path ("*" for every list element), kind, argument (min or allowed values), nullable or optional]. */
export type FieldRule = [string, FieldKind, (number | string[] | null)?, ('nullable' | 'optional')?];

const COMMON: FieldRule[] = [
  ['format', 'enum', ['recurrent-studio.preprocessing']],
  ['version', 'enum', ['1']],
  ['lookback', 'int', 1],
  ['horizon', 'int', 1],
];

const SCALER = (at: string): FieldRule[] => [
  [`${at}.kind`, 'enum', ['standard', 'minmax', 'none']],
  [`${at}.center`, 'number'],
  [`${at}.scale`, 'positive'],
];

/** The fields predict.cjs / predict.py of a forecast bundle read. */
export const FORECAST_RULES: FieldRule[] = [
  ...COMMON,
  ['inputs', 'list'],
  ['inputs.*.source', 'string'],
  ['inputs.*.derived', 'enum', ['level', 'difference', 'seasonal-difference', 'calendar']],
  ...SCALER('inputs.*.scaler'),
  ['inputs.*.lead', 'int', 0, 'optional'],
  ['target.name', 'string'],
  [
    'target.transform',
    'enum',
    ['level', 'difference', 'seasonal-residual', 'seasonal-profile', 'exponential-smoothing', 'arima'],
  ],
  ['target.period', 'int', 1, 'nullable'],
  ...SCALER('target.scaler'),
  ['target.plain', 'bool', null, 'optional'],
  ['timeColumn', 'string', null, 'nullable'],
  ['frequency', 'string', null, 'nullable'],
];

/** The fields the sequence-classification scripts read. */
export const SEQUENCE_RULES: FieldRule[] = [
  ...COMMON,
  ['inputs', 'list'],
  ['inputs.*.source', 'string'],
  ...SCALER('inputs.*.scaler'),
  ['classes', 'list'],
  ['timeColumn', 'string', null, 'nullable'],
  ['spec.data.idColumn', 'string', null, 'nullable'],
];

/** The fields the text scripts read. */
export const TEXT_RULES: FieldRule[] = [
  ...COMMON,
  ['text.tokens', 'enum', ['char', 'word']],
  ['text.lowercase', 'bool'],
  ['text.maxLength', 'int', 1],
  ['text.padding', 'enum', ['pre', 'post']],
  ['text.truncating', 'enum', ['pre', 'post']],
  ['text.vocabulary', 'list'],
  ['classes', 'list', null, 'nullable'],
];

/** The fields the sequence-to-sequence scripts read: the source side in `text`, the target side and decoding settings. */
export const SEQ2SEQ_RULES: FieldRule[] = [
  ...TEXT_RULES,
  ['seq2seq.targetVocabulary', 'list'],
  ['seq2seq.targetMaxLength', 'int', 1],
  ['spec.seq2seq.decoding', 'enum', ['greedy', 'beam', 'sample']],
  ['spec.seq2seq.beamWidth', 'int', 1],
  ['spec.seq2seq.temperature', 'positive'],
  ['spec.seq2seq.maxOutputLength', 'int', 1, 'nullable'],
  ['spec.training.seed', 'int', 0],
];

const rulesJson = (rules: FieldRule[]) =>
  // Versions are compared as text so one rule table serves both languages' number types.
  JSON.stringify(rules.map(([p, k, a, f]) => [p, k, a ?? null, f ?? null]));

/** JavaScript that defines `pre`, read and checked, for predict.cjs. */
export function preprocessingCheckJs(rules: FieldRule[]): string {
  return String.raw`const RULES = ${rulesJson(rules)};

function stop(message) {
  console.error(message);
  process.exit(2);
}

function fieldsAt(value, parts, at) {
  if (parts.length === 0) return [[at.join('.'), value]];
  const [head, ...rest] = parts;
  if (head === '*') return Array.isArray(value) ? value.flatMap((v, i) => fieldsAt(v, rest, [...at, i])) : [];
  const next = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[head] : undefined;
  return fieldsAt(next, rest, [...at, head]);
}

const EXPECTED = {
  int: (min) => 'a whole number of at least ' + min,
  number: () => 'a finite number',
  positive: () => 'a number greater than 0',
  enum: (values) => 'one of ' + values.join(', '),
  list: () => 'a list',
  string: () => 'a text',
  bool: () => 'true or false',
};

function fits(kind, arg, v) {
  if (kind === 'int') return Number.isInteger(v) && v >= arg;
  if (kind === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (kind === 'positive') return typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (kind === 'enum') return arg.includes(typeof v === 'number' ? String(v) : v);
  if (kind === 'list') return Array.isArray(v);
  if (kind === 'string') return typeof v === 'string';
  return typeof v === 'boolean';
}

function readPreprocessing() {
  const file = path.join(__dirname, 'preprocessing.json');
  let pre;
  try {
    pre = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    stop('preprocessing.json beside this script cannot be read (' + err.message + '); export the model again from Recurrent Studio.');
  }
  for (const [field, kind, arg, flag] of RULES) {
    for (const [where, v] of fieldsAt(pre, field.split('.'), [])) {
      if ((v === undefined && flag === 'optional') || (v === null && flag === 'nullable')) continue;
      if (!fits(kind, arg, v)) {
        stop('preprocessing.json is damaged: ' + where + ' must be ' + EXPECTED[kind](arg) + ' (it is ' + (v === undefined ? 'missing' : JSON.stringify(v)) + '); export the model again from Recurrent Studio.');
      }
    }
  }
  return pre;
}
`;
}

/** Python that defines `pre`, read and checked, for predict.py (needs json, math, os, sys imported). */
export function preprocessingCheckPy(rules: FieldRule[]): string {
  return String.raw`RULES = json.loads(${JSON.stringify(rulesJson(rules))})


def _stop(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def _fields_at(value, parts, at):
    if not parts:
        return [(".".join(str(a) for a in at), value)]
    head, rest = parts[0], parts[1:]
    if head == "*":
        if not isinstance(value, list):
            return []
        return [f for i, v in enumerate(value) for f in _fields_at(v, rest, at + [i])]
    nxt = value.get(head, ...) if isinstance(value, dict) else ...
    return _fields_at(nxt, rest, at + [head])


_EXPECTED = {
    "int": lambda m: "a whole number of at least %s" % m,
    "number": lambda _: "a finite number",
    "positive": lambda _: "a number greater than 0",
    "enum": lambda values: "one of " + ", ".join(values),
    "list": lambda _: "a list",
    "string": lambda _: "a text",
    "bool": lambda _: "true or false",
}


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _fits(kind, arg, v):
    if kind == "int":
        return isinstance(v, int) and not isinstance(v, bool) and v >= arg
    if kind == "number":
        return _is_number(v)
    if kind == "positive":
        return _is_number(v) and v > 0
    if kind == "enum":
        return (str(v) if _is_number(v) else v) in arg
    if kind == "list":
        return isinstance(v, list)
    if kind == "string":
        return isinstance(v, str)
    return isinstance(v, bool)


def _read_preprocessing():
    try:
        with open(os.path.join(HERE, "preprocessing.json"), encoding="utf-8") as f:
            loaded = json.load(f)
    except (OSError, ValueError) as err:
        _stop("preprocessing.json beside this script cannot be read (%s); export the model again from Recurrent Studio." % err)
    for field, kind, arg, flag in RULES:
        for where, v in _fields_at(loaded, field.split("."), []):
            if (v is ... and flag == "optional") or (v is None and flag == "nullable"):
                continue
            if v is ... or not _fits(kind, arg, v):
                shown = "missing" if v is ... else json.dumps(v)
                _stop("preprocessing.json is damaged: %s must be %s (it is %s); export the model again from Recurrent Studio." % (where, _EXPECTED[kind](arg), shown))
    return loaded
`;
}
