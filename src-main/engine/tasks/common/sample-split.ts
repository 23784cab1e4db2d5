/** Seeded random split of independent samples (texts, sequences) into train / validation / test. */
import { seededRandom, shuffled } from '../../training/seeded-random';

export interface SampleSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** Shuffles sample ids with the seed and cuts test and validation fractions off the end. */
export function splitSamples(
  count: number,
  fractions: { validation: number; test: number },
  seed: number,
): SampleSplit {
  const ids = shuffled(
    Int32Array.from({ length: count }, (_, i) => i),
    seededRandom(seed ^ 0x5bd1e995),
  );
  const test = Math.max(1, Math.floor(count * fractions.test));
  const validation = fractions.validation > 0 ? Math.max(1, Math.floor(count * fractions.validation)) : 0;
  const train = count - test - validation;
  if (train < 2) {
    throw new Error(
      `Only ${count} usable samples: too few to keep ${test} for testing and ${validation} for validation. Add data or lower those fractions.`,
    );
  }
  return {
    train: ids.slice(0, train),
    validation: ids.slice(train, train + validation),
    test: ids.slice(train + validation),
  };
}
