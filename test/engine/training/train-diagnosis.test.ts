import { describe, expect, it } from 'vitest';
import { diagnoseDivergence, gradientWarning } from '../../../src-main/engine/training/train-diagnosis';
import { testSpec } from '../synthetic';

describe('training diagnosis', () => {
  it('suggests only the fixes that apply to the spec', () => {
    const plain = testSpec({}, { clip: { mode: 'norm', value: 1 } });
    const msg = diagnoseDivergence(plain, { epoch: 2, batch: 5, value: NaN, learningRate: 0.5 });
    expect(msg).toMatch(/NaN .* at epoch 2, batch 5/);
    expect(msg).toMatch(/now 0\.5; try 0\.05/);
    expect(msg).not.toMatch(/clipping/);
    expect(msg).not.toMatch(/scale the inputs/);
    const risky = testSpec(
      { data: { file: '/s.csv', targetColumns: ['y'], scaling: 'none' }, model: { activation: 'relu' } },
      { clip: { mode: 'none', value: 1 } },
    );
    const all = diagnoseDivergence(risky, { epoch: 1, batch: null, value: Infinity, learningRate: 0.01 });
    expect(all).toMatch(/infinite on the validation data after epoch 1/);
    expect(all).toMatch(/gradient clipping/);
    expect(all).toMatch(/scale the inputs/);
    expect(all).toMatch(/tanh instead of relu/);
  });

  it('warns about exploding and vanishing gradients, not healthy ones', () => {
    const spec = testSpec({ model: { cell: 'SimpleRNN', layers: [{ units: 4 }] } });
    expect(gradientWarning({ recurrent_1: 0.3, output: 0.5 }, 0.2, spec, 3)).toBeNull();
    expect(gradientWarning({ recurrent_1: 5e4, output: 1 }, 0.2, spec, 3)).toMatch(
      /Exploding gradients .* recurrent_1/,
    );
    expect(gradientWarning({ recurrent_1: 1e-9, output: 0.5 }, 0.2, spec, 3)).toMatch(/Vanishing .* LSTM or GRU/);
    // Epoch 1 and an already tiny loss are exempt.
    expect(gradientWarning({ recurrent_1: 1e-9, output: 0.5 }, 0.2, spec, 1)).toBeNull();
    expect(gradientWarning({ recurrent_1: 1e-9, output: 1e-9 }, 1e-6, spec, 3)).toBeNull();
  });
});
