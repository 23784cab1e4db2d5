/**
 * predict.cjs / predict.py of a text-generation bundle: continue a seed text token by token as
 * the app's "generate" box does (same window, same sampling, same seeded random draws), or print
 * the next-token probabilities after a seed.
 */
import { SEEDED_RANDOM_PY } from './seeded-random-py';
import { TEXT_COMMON_JS, TEXT_COMMON_PY } from './text-common';

export const GENERATE_JS = String.raw`// Generate text with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs "seed text" [--tokens 50] [--temperature 1] [--random-seed 7]
//        node predict.cjs "seed text" --next     (next-token probabilities as JSON)
// Temperature below 1 picks likelier tokens, above 1 more surprising ones; 0 always the likeliest.
// With the same --random-seed the app's generate box gives the same text.
// Needs: npm install @tensorflow/tfjs-node
${TEXT_COMMON_JS}
/** mulberry32, the app's seeded generator: floats in [0, 1). */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a token from p^(1/temperature); padding (0) and unknown (1) are never picked. */
function sampleToken(p, temperature, random) {
  const weights = p.map((v, i) => (i <= 1 ? 0 : Math.pow(Math.max(v, 1e-12), 1 / Math.max(temperature, 1e-3))));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 2; i < weights.length; i++) {
    r -= weights[i];
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

function greedyToken(p) {
  let best = 2;
  for (let i = 3; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

/** The model's first window: the seed's last tokens, padded in front when the seed is short. */
function seedWindow(seed) {
  const ids = encode(seed);
  const n = text.maxLength;
  return ids.length >= n ? ids.slice(-n) : [...new Array(n - ids.length).fill(0), ...ids];
}

function detokenize(tokens) {
  if (text.tokens === 'char') return tokens.join('');
  let out = '';
  for (const tok of tokens) {
    const glue = out === '' || out.endsWith('\n') || tok === '\n' || /^[^\p{L}\p{N}]$/u.test(tok) ? '' : ' ';
    out += glue + tok;
  }
  return out;
}

/** The seed followed by the continuation, with a space between words where one belongs. */
function joinContinuation(seed, continuation) {
  const glue = text.tokens === 'char' || seed === '' || /\s$/.test(seed) || /^[^\p{L}\p{N}]/u.test(continuation);
  return glue ? seed + continuation : seed + ' ' + continuation;
}

/** Next-token probabilities after the seed: token -> probability. */
async function nextTokens(seed) {
  const model = await loadModel();
  try {
    const [p] = model.run([seedWindow(seed)]);
    return Object.fromEntries(text.vocabulary.map((tok, i) => [tok, p[i]]));
  } finally {
    model.dispose();
  }
}

/** The seed and count generated tokens; temperature 0 takes the likeliest token each time. */
async function generate(seed, { tokens = 50, temperature = 1, randomSeed = Math.floor(Math.random() * 2 ** 31) } = {}) {
  const model = await loadModel();
  const random = seededRandom(randomSeed);
  const window = seedWindow(seed);
  const generated = [];
  try {
    for (let k = 0; k < tokens; k++) {
      const [p] = model.run([window.slice(-text.maxLength)]);
      const next = temperature === 0 ? greedyToken(p) : sampleToken(p, temperature, random);
      window.push(next);
      generated.push(next);
    }
  } finally {
    model.dispose();
  }
  return joinContinuation(seed, detokenize(generated.map((id) => text.vocabulary[id])));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seed = args[0] && !args[0].startsWith('--') ? args[0] : '';
  const job = args.includes('--next')
    ? nextTokens(seed).then((p) => JSON.stringify(p))
    : generate(seed, {
        tokens: option('--tokens', 50),
        temperature: option('--temperature', 1),
        randomSeed: option('--random-seed', Math.floor(Math.random() * 2 ** 31)),
      });
  job.then(
    (out) => console.log(out),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

module.exports = { generate, nextTokens, encode, tokenize };
`;

export const GENERATE_PY = String.raw`"""Generate text with the exported model exactly as Recurrent Studio does.

Usage: python predict.py "seed text" [--tokens 50] [--temperature 1] [--random-seed 7]
       python predict.py "seed text" --next     (next-token probabilities as JSON)
Temperature below 1 picks likelier tokens, above 1 more surprising ones; 0 always the likeliest.
With the same --random-seed the app's generate box gives the same text.
Needs: pip install onnxruntime numpy
"""
import random as _random
${TEXT_COMMON_PY}
${SEEDED_RANDOM_PY}

def sample_token(p, temperature, random):
    """Draws a token from p^(1/temperature); padding (0) and unknown (1) are never picked."""
    weights = [0.0 if i <= 1 else max(float(v), 1e-12) ** (1 / max(temperature, 1e-3)) for i, v in enumerate(p)]
    r = random() * sum(weights)
    for i in range(2, len(weights)):
        r -= weights[i]
        if r <= 0:
            return i
    return len(weights) - 1


def greedy_token(p):
    return 2 + int(np.argmax(p[2:]))


def seed_window(seed):
    """The model's first window: the seed's last tokens, padded in front when the seed is short."""
    ids = encode(seed)
    n = text["maxLength"]
    return ids[-n:] if len(ids) >= n else [0] * (n - len(ids)) + ids


def is_letter_or_digit(c):
    return c.isalnum()


def detokenize(tokens):
    if text["tokens"] == "char":
        return "".join(tokens)
    out = ""
    for tok in tokens:
        glue = out == "" or out.endswith("\n") or tok == "\n" or (len(tok) == 1 and not is_letter_or_digit(tok))
        out += ("" if glue else " ") + tok
    return out


def join_continuation(seed, continuation):
    """The seed followed by the continuation, with a space between words where one belongs."""
    glue = (
        text["tokens"] == "char"
        or seed == ""
        or seed[-1].isspace()
        or (continuation != "" and not is_letter_or_digit(continuation[0]))
    )
    return seed + continuation if glue else seed + " " + continuation


def next_tokens(seed):
    """Next-token probabilities after the seed: token -> probability."""
    p = load_model()([seed_window(seed)])[0]
    return {tok: float(p[i]) for i, tok in enumerate(text["vocabulary"])}


def generate(seed, tokens=50, temperature=1.0, random_seed=None):
    """The seed and the generated tokens; temperature 0 takes the likeliest token each time."""
    run = load_model()
    random = seeded_random(_random.randrange(2**31) if random_seed is None else random_seed)
    window = seed_window(seed)
    generated = []
    for _ in range(tokens):
        p = run([window[-text["maxLength"] :]])[0]
        nxt = greedy_token(p) if temperature == 0 else sample_token(p, temperature, random)
        window.append(nxt)
        generated.append(nxt)
    return join_continuation(seed, detokenize([text["vocabulary"][i] for i in generated]))


def option(args, name, fallback, kind):
    return kind(args[args.index(name) + 1]) if name in args else fallback


if __name__ == "__main__":
    args = sys.argv[1:]
    seed = args[0] if args and not args[0].startswith("--") else ""
    if "--next" in args:
        print(json.dumps(next_tokens(seed), ensure_ascii=False))
    else:
        print(
            generate(
                seed,
                tokens=option(args, "--tokens", 50, int),
                temperature=option(args, "--temperature", 1.0, float),
                random_seed=option(args, "--random-seed", None, int),
            )
        )
`;
