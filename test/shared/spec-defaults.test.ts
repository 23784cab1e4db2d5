/**
 * Defaults must be fresh objects per parse: code that edits a parsed spec in place (search
 * plans, the forms) would otherwise change the defaults of every later spec. Caught by a
 * renderer test that saw one spec's layer edit appear in another.
 */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src-main/shared/spec';

function parse() {
  const r = parseSpec({ data: { file: '/data/series.csv', targetColumns: ['value'] } });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.spec;
}

describe('spec defaults', () => {
  it('gives every parse its own default objects and arrays', () => {
    const first = parse();
    first.model.layers[0].units = 999;
    first.model.layers.push({ ...first.model.layers[0] });
    first.training.optimizer.learningRate = 0.5;
    first.data.featureColumns.push('leaked');
    first.data.text.maxLength = 7;
    first.training.clip.value = 42;
    const second = parse();
    expect(second.model.layers).toHaveLength(1);
    expect(second.model.layers[0].units).toBe(32);
    expect(second.training.optimizer.learningRate).toBe(0.001);
    expect(second.data.featureColumns).toEqual([]);
    expect(second.data.text.maxLength).toBe(100);
    expect(second.training.clip.value).toBe(1);
  });
});
