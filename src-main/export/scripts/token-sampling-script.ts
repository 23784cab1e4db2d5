/**
 * The app's token picking (src-main/engine/model/token-sampling.ts) with its seeded generator
 * (mulberry32), in JavaScript and Python for the bundle scripts: given the same random seed and
 * the same probabilities, a script draws the same tokens as the app.
 */
import { SEEDED_RANDOM_PY } from './seeded-random-py';

export const SAMPLING_JS = String.raw`/** mulberry32, the app's seeded generator: floats in [0, 1). */
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
}`;

export const SAMPLING_PY = String.raw`${SEEDED_RANDOM_PY}

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
    return 2 + int(np.argmax(p[2:]))`;
