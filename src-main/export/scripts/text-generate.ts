/**
 * predict.cjs / predict.py of a text-generation bundle: continue a seed text token by token as
 * the app's "generate" box does (same window, same sampling, same seeded random draws), or print
 * the next-token probabilities after a seed.
 */
import { TEXT_COMMON_JS, TEXT_COMMON_PY } from './text-common';
import { SAMPLING_JS, SAMPLING_PY } from './token-sampling-script';

export const GENERATE_JS = String.raw`// Generate text with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs "seed text" [--tokens 50] [--temperature 1] [--random-seed 7]
//        node predict.cjs "seed text" --next     (next-token probabilities as JSON)
// Temperature below 1 picks likelier tokens, above 1 more surprising ones; 0 always the likeliest.
// With the same --random-seed the app's generate box gives the same text.
// Needs: npm install @tensorflow/tfjs-node
${TEXT_COMMON_JS}
${SAMPLING_JS}

/** The model's first window: the seed's last tokens, padded in front when the seed is short. */
function seedWindow(seed) {
  const ids = encode(seed);
  const n = text.maxLength;
  return ids.length >= n ? ids.slice(-n) : [...new Array(n - ids.length).fill(0), ...ids];
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
${SAMPLING_PY}


def seed_window(seed):
    """The model's first window: the seed's last tokens, padded in front when the seed is short."""
    ids = encode(seed)
    n = text["maxLength"]
    return ids[-n:] if len(ids) >= n else [0] * (n - len(ids)) + ids


def join_continuation(seed, continuation):
    """The seed followed by the continuation, with a space between words where one belongs."""
    glue = (
        text["tokens"] == "char"
        or seed == ""
        or seed[-1].isspace()
        or (continuation != "" and not continuation[0].isalnum())
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
