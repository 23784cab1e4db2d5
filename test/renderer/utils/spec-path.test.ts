import { describe, expect, it } from 'vitest';
import { lastPartKebab, readPath, writePath } from '../../../src-renderer/utils/spec-path';

describe('spec paths', () => {
  const spec = () => ({ training: { optimizer: { learningRate: 0.01 } }, model: { layers: [{ units: 8 }] } });

  it('reads nested objects and array items by dotted path', () => {
    expect(readPath(spec(), 'training.optimizer.learningRate')).toBe(0.01);
    expect(readPath(spec(), 'model.layers.0.units')).toBe(8);
    expect(readPath(spec(), 'model.layers.3.units')).toBeUndefined();
    expect(readPath(spec(), 'training.nothing.here')).toBeUndefined();
  });

  it('writes where the parent exists and refuses where it does not', () => {
    const s = spec();
    expect(writePath(s, 'model.layers.0.units', 16)).toBe(true);
    expect(s.model.layers[0]?.units).toBe(16);
    expect(writePath(s, 'training.missing.rate', 1)).toBe(false);
    expect(s).not.toHaveProperty('training.missing');
  });

  it('names a path by its last part in kebab case', () => {
    expect(lastPartKebab('training.optimizer.learningRate')).toBe('learning-rate');
    expect(lastPartKebab('data.text.vocabSize')).toBe('vocab-size');
    expect(lastPartKebab('task')).toBe('task');
  });
});
