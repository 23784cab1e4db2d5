/**
 * predict.py of a sequence-to-sequence bundle: writes an output for each source text with
 * encoder.onnx and decoder_step.onnx, decoding exactly as the app does (greedy, beam search or
 * seeded sampling; the same tokens, vocabularies and maximum output length from
 * preprocessing.json), with the app's warnings about unknown and cut source tokens.
 */
import { SEQ2SEQ_RULES } from './preprocessing-check';
import { SEQ2SEQ_USAGE, SEQ2SEQ_USAGE_TEXT } from './seq2seq-usage';
import { textCommonPy } from './text-common';
import { SAMPLING_PY } from './token-sampling-script';

export const SEQ2SEQ_PY = String.raw`"""Write outputs for source texts with the exported model exactly as Recurrent Studio does.

${SEQ2SEQ_USAGE_TEXT('python predict.py')}
Needs: pip install onnxruntime numpy
"""
${textCommonPy(SEQ2SEQ_RULES)}
${SAMPLING_PY}


TARGET = pre["seq2seq"]["targetVocabulary"]
SETTINGS = pre["spec"]["seq2seq"]
PAD, UNKNOWN, START, END = 0, 1, 2, 3
# Sources are decoded in batches of this many, as the app does (the random draws follow the same order).
BATCH = 256


class Models:
    """encoder.onnx once per batch of sources, decoder_step.onnx once per written token."""

    def __init__(self):
        import onnxruntime as ort

        folder = os.path.join(HERE, "model")
        self.encoder = ort.InferenceSession(os.path.join(folder, "encoder.onnx"))
        self.decoder = ort.InferenceSession(os.path.join(folder, "decoder_step.onnx"))
        self.states = [o.name for o in self.encoder.get_outputs() if o.name.startswith("state_")]
        self.attention = any(i.name == "memory" for i in self.decoder.get_inputs())

    def encode(self, rows):
        out = self.encoder.run(None, {"source": np.array(rows, dtype=np.int64)})
        named = dict(zip([o.name for o in self.encoder.get_outputs()], out))
        return named["memory"], [named[s] for s in self.states]

    def step(self, tokens, states, memory):
        feeds = {"token": np.array(tokens, dtype=np.int64)}
        feeds.update(zip(self.states, states))
        if self.attention:
            feeds["memory"] = memory
        out = dict(zip([o.name for o in self.decoder.get_outputs()], self.decoder.run(None, feeds)))
        return out["probabilities"], [out["next_" + s] for s in self.states]


def writable(p):
    """Probabilities with the tokens an output never holds (padding, unknown, start) set to 0."""
    q = np.array(p, dtype=np.float32)
    q[PAD] = q[UNKNOWN] = q[START] = 0
    return q


def stepwise(models, rows, method, max_length, temperature, random):
    memory, states = models.encode(rows)
    out = [[] for _ in rows]
    done = [False] * len(rows)
    tokens = [START] * len(rows)
    n = 0
    while n < max_length and not all(done):
        probabilities, states = models.step(tokens, states, memory)
        for i in range(len(rows)):
            if done[i]:
                tokens[i] = END
                continue
            q = writable(probabilities[i])
            nxt = sample_token(q, temperature, random) if method == "sample" else greedy_token(q)
            if nxt == END:
                done[i] = True
            else:
                out[i].append(nxt)
            tokens[i] = nxt
        n += 1
    return out


def beam_search(models, row, width, max_length):
    """Keeps the width likeliest partial outputs; a finished one scores log-probability / (length + 1)."""
    memory, states = models.encode([row])
    beams = [([], 0.0)]
    finished = []
    n = 0
    while n < max_length and beams:
        probabilities, new_states = models.step(
            [ids[-1] if ids else START for ids, _ in beams], states, np.repeat(memory, len(beams), axis=0)
        )
        candidates = []
        for i, (ids, logp) in enumerate(beams):
            q = writable(probabilities[i])
            total = 0.0
            for v in q:
                total += float(v)
            for t in range(len(q)):
                if q[t] > 0:
                    candidates.append((i, t, logp + math.log(float(q[t]) / total)))
        candidates.sort(key=lambda c: -c[2])
        kept, keep = [], []
        for i, t, logp in candidates:
            if len(kept) >= width:
                break
            if t == END:
                finished.append((beams[i][0], logp))
                continue
            kept.append((beams[i][0] + [t], logp))
            keep.append(i)
        states = [s[keep] for s in new_states]
        beams = kept
        n += 1
        if len(finished) >= width:
            break
    pool = finished or beams
    best = pool[0] if pool else ([], 0.0)
    for b in pool:
        if b[1] / (len(b[0]) + 1) > best[1] / (len(best[0]) + 1):
            best = b
    return best[0]


def source_row(source):
    """The source's token ids as the encoder reads them: cut at the front and padded first."""
    return fit_length(encode(source))


def warning(source):
    """The app's sentence about unknown and cut source tokens, or None."""
    unit = "character" if text["tokens"] == "char" else "word"
    tokens = tokenize(source)
    kept = min(len(tokens), text["maxLength"])
    unknown = []
    for tok in tokens[len(tokens) - kept :]:
        if tok not in INDEX and tok not in unknown:
            unknown.append(tok)
    parts = []
    if unknown:
        listed = ", ".join("'%s'" % u for u in unknown)
        one = len(unknown) == 1
        parts.append(
            "The model never saw the %s%s %s in training; %s read as unknown."
            % (unit, "" if one else "s", listed, "it was" if one else "they were")
        )
    cut = len(tokens) - kept
    if cut > 0:
        parts.append(
            "The source is %d %s%s longer than the model reads; its start was left out." % (cut, unit, "" if cut == 1 else "s")
        )
    return " ".join(parts) or None


def translate(sources, decoding=None, beam_width=None, temperature=None, max_length=None, random_seed=None):
    """The output written for each source, with the settings the model was trained with unless given."""
    for i, s in enumerate(sources):
        if s.strip() == "":
            _stop("Source %d is empty: type the text the model should rewrite." % (i + 1))
    method = decoding or SETTINGS["decoding"]
    width = beam_width or SETTINGS["beamWidth"]
    temperature = temperature or SETTINGS["temperature"]
    limit = max_length or SETTINGS["maxOutputLength"] or pre["seq2seq"]["targetMaxLength"]
    random = seeded_random(pre["spec"]["training"]["seed"] if random_seed is None else random_seed)
    models = Models()
    rows = [source_row(s) for s in sources]
    if method == "beam" and width > 1:
        written = [beam_search(models, r, width, limit) for r in rows]
    else:
        written = []
        for start in range(0, len(rows), BATCH):
            written += stepwise(models, rows[start : start + BATCH], method, limit, temperature, random)
    return [
        {"source": s, "output": detokenize([TARGET[i] for i in ids]), "warning": warning(s)}
        for s, ids in zip(sources, written)
    ]


def _arguments(args):
    """Sources and decoding choices from the command line; a wrong value stops with one sentence."""
    flags = {name: kind for name, kind, _ in json.loads(${JSON.stringify(JSON.stringify(SEQ2SEQ_USAGE))})}
    sources, options, i = [], {}, 0
    while i < len(args):
        a = args[i]
        if a == "--json":
            options["json"] = True
        elif a in flags:
            if i + 1 >= len(args):
                _stop("%s needs a value." % a)
            options[a] = _flag_value(a, flags[a], args[i + 1])
            i += 1
        elif a.startswith("--"):
            _stop("Unknown option %s: use %s." % (a, ", ".join(list(flags) + ["--json"])))
        else:
            sources.append(a)
        i += 1
    if "--file" in options:
        with open(options["--file"], encoding="utf-8") as f:
            sources += [line.rstrip("\r\n") for line in f if line.strip() != ""]
    if not sources:
        _stop("Give at least one source text, or --file with one source per line.")
    return sources, options


def _flag_value(name, kind, value):
    if kind == "path":
        return value
    if kind.startswith("one of "):
        allowed = kind[len("one of ") :].split(", ")
        if value not in allowed:
            _stop("%s must be %s (it is %s)." % (name, kind, value))
        return value
    try:
        number = float(value) if kind == "a number greater than 0" else int(value)
    except ValueError:
        _stop("%s must be %s (it is %s)." % (name, kind, value))
    if number <= 0 and kind != "a whole number of at least 0":
        _stop("%s must be %s (it is %s)." % (name, kind, value))
    if number < 0:
        _stop("%s must be %s (it is %s)." % (name, kind, value))
    return number


if __name__ == "__main__":
    sources, options = _arguments(sys.argv[1:])
    results = translate(
        sources,
        decoding=options.get("--decoding"),
        beam_width=options.get("--beam-width"),
        temperature=options.get("--temperature"),
        max_length=options.get("--max-length"),
        random_seed=options.get("--random-seed"),
    )
    if options.get("json"):
        print(json.dumps(results, ensure_ascii=False))
    else:
        for r in results:
            if r["warning"]:
                print("Source '%s': %s" % (r["source"], r["warning"]), file=sys.stderr)
            print(r["output"])
`;
