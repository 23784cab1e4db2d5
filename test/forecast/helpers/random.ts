/** Seeded random numbers so synthetic series are the same on every run. */

/** Uniform numbers in [0, 1) from a small linear congruential generator. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Standard normal numbers (Box–Muller) from a seed. */
export function seededGaussian(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A random walk of `length` steps with unit Gaussian increments plus `drift` per step. */
export function randomWalk(length: number, seed: number, drift = 0): Float64Array {
  const gaussian = seededGaussian(seed);
  const out = new Float64Array(length);
  let value = 100;
  for (let i = 0; i < length; i++) {
    value += drift + gaussian();
    out[i] = value;
  }
  return out;
}
