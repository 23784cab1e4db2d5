/** Spec problems reach users in words: the issue saw "model.layers.0.units: Too small…" in the form. */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src-main/shared/spec';
import { fieldLabel } from '../../src-main/shared/spec-fields';

function problems(input: unknown) {
  const r = parseSpec(input);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const data = { file: '/data/x.csv', targetColumns: ['y'] };

describe('spec problems in words', () => {
  it('units 0 names "Layer 1 units" and keeps the path for the form field', () => {
    const [p] = problems({ data, model: { layers: [{ units: 0 }] } });
    expect(p).toEqual({
      path: 'model.layers.0.units',
      field: 'Layer 1 units',
      message: 'Layer 1 units must be at least 1.',
    });
  });

  it('never shows a raw schema path or zod wording', () => {
    const all = problems({
      data: { ...data, lookback: 0, missing: 'guess', split: { validation: 0.95 }, surprise: 1 },
      model: { cell: 'Transformer', layers: [{ units: 8 }, { units: 8, dropout: 2 }], denseLayers: [1.5] },
      training: { epochs: 'ten', optimizer: { learningRate: 0 } },
    });
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const p of all) {
      // A top-level path like "data" is an ordinary word; dotted ones are schema paths.
      if (p.path.includes('.')) expect(p.message).not.toContain(p.path);
      expect(p.message).not.toMatch(/Too small|Too big|Invalid|expected|received|>=|<=/);
    }
    const byPath = Object.fromEntries(all.map((p) => [p.path, p.message]));
    expect(byPath['data.lookback']).toBe('Window (lookback) must be at least 1.');
    expect(byPath['model.layers.1.dropout']).toBe('Layer 2 dropout must be at most 0.95.');
    expect(byPath['model.cell']).toBe('Cell type must be one of SimpleRNN, LSTM, GRU.');
    expect(byPath['model.denseLayers.0']).toBe('Dense layer 1 units must be a whole number.');
    expect(byPath['training.epochs']).toBe('Epochs must be a number.');
    expect(byPath['training.optimizer.learningRate']).toBe('Learning rate must be more than 0.');
    expect(byPath.data).toBe('Unknown settings in data settings: surprise. Remove them.');
  });

  it('keeps the messages the schema wrote for users', () => {
    const [p] = problems({ data: { file: '/x.csv', targetColumns: [] } });
    expect(p.message).toBe('Pick a target column.');
    expect(p.field).toBe('Target column');
  });
});

describe('fieldLabel', () => {
  it('labels known paths, layer positions and falls back to words, never the path', () => {
    expect(fieldLabel('data.text.maxLength')).toBe('Text length');
    expect(fieldLabel(['model', 'layers', 2, 'recurrentDropout'])).toBe('Layer 3 recurrent dropout');
    expect(fieldLabel('training.somethingNew')).toBe('Something new');
    expect(fieldLabel('')).toBe('The experiment settings');
  });
});
