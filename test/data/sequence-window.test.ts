/** Whole sequences into the network: the same fitting in training and in "predict a file". */
import { describe, expect, it } from 'vitest';
import { sequenceBatch } from '../../src-main/data/prepare/sequence-window';

const none = { kind: 'none' as const, center: 0, scale: 1 };

describe('sequenceBatch', () => {
  it('pads short sequences in front and keeps the latest steps of long ones', () => {
    const short = Float64Array.from([1, 2]);
    const long = Float64Array.from([1, 2, 3, 4, 5]);
    expect(Array.from(sequenceBatch([short, long], [0, 1], 3, 1, [none]))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('scales each feature with its own scaler and enters missing values as 0', () => {
    const seq = Float64Array.from([10, 100, NaN, 300]); // two steps × two features
    const scalers = [
      { kind: 'standard' as const, center: 10, scale: 2 },
      { kind: 'standard' as const, center: 200, scale: 100 },
    ];
    expect(Array.from(sequenceBatch([seq], [0], 2, 2, scalers))).toEqual([0, -1, 0, 1]);
  });
});
