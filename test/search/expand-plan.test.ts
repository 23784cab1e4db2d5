import { describe, expect, it } from 'vitest';
import { expandPlan, GRID_RANGE_POINTS, gridSize, PlanError, planRuns } from '../../src-main/search/expand-plan';
import { setSpecPath, SpecPathError } from '../../src-main/search/spec-paths';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { SearchPlan } from '../../src-main/shared/types-project';

function base(): ExperimentSpec {
  const parsed = parseSpec({
    name: 'Base',
    data: { file: '/data/flow.csv', targetColumns: ['flow'], lookback: 12 },
    model: { layers: [{ units: 16 }, { units: 8, dropout: 0.1 }] },
  });
  if (!parsed.ok) throw new Error('bad base spec');
  return parsed.spec;
}

const plan = (p: Partial<SearchPlan>): SearchPlan => ({ mode: 'grid', dimensions: [], maxRuns: 100, seed: 1, ...p });

describe('spec paths', () => {
  it('sets nested fields, array items and every layer with *', () => {
    const spec = structuredClone(base()) as unknown as Record<string, unknown>;
    setSpecPath(spec, 'training.optimizer.learningRate', 0.01);
    setSpecPath(spec, 'model.layers.1.units', 64);
    setSpecPath(spec, 'model.layers.*.dropout', 0.3);
    setSpecPath(spec, 'model.cell', 'GRU');
    const s = spec as unknown as ExperimentSpec;
    expect(s.training.optimizer.learningRate).toBe(0.01);
    expect(s.model.layers.map((l) => [l.units, l.dropout])).toEqual([
      [16, 0.3],
      [64, 0.3],
    ]);
    expect(s.model.cell).toBe('GRU');
  });

  it('model.layerCount keeps existing layers and copies the first for new ones', () => {
    const spec = structuredClone(base()) as unknown as Record<string, unknown>;
    setSpecPath(spec, 'model.layerCount', 4);
    expect((spec as unknown as ExperimentSpec).model.layers.map((l) => l.units)).toEqual([16, 8, 16, 16]);
    setSpecPath(spec, 'model.layerCount', 1);
    expect((spec as unknown as ExperimentSpec).model.layers.map((l) => l.units)).toEqual([16]);
  });

  it('refuses unknown fields, groups and prototype keys', () => {
    const spec = structuredClone(base()) as unknown as Record<string, unknown>;
    expect(() => setSpecPath(spec, 'training.optimiser.learningRate', 1)).toThrow(SpecPathError);
    expect(() => setSpecPath(spec, 'training.optimizer', 1)).toThrow(/group/);
    expect(() => setSpecPath(spec, 'model.layers.5.units', 1)).toThrow(/no item 6/);
    expect(() => setSpecPath(spec, '__proto__.polluted', 1)).toThrow(SpecPathError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('grid plans', () => {
  it('tries every combination, last dimension fastest, with the values applied', () => {
    const runs = planRuns(
      base(),
      plan({
        dimensions: [
          { path: 'model.cell', values: ['LSTM', 'GRU'] },
          { path: 'training.optimizer.learningRate', values: [0.01, 0.001, 0.0001] },
        ],
      }),
    );
    expect(runs).toHaveLength(6);
    expect(runs.map((r) => [r.values['model.cell'], r.values['training.optimizer.learningRate']])).toEqual([
      ['LSTM', 0.01],
      ['LSTM', 0.001],
      ['LSTM', 0.0001],
      ['GRU', 0.01],
      ['GRU', 0.001],
      ['GRU', 0.0001],
    ]);
    for (const r of runs) {
      expect(r.spec?.model.cell).toBe(r.values['model.cell']);
      expect(r.spec?.training.optimizer.learningRate).toBe(r.values['training.optimizer.learningRate']);
    }
    expect(new Set(runs.map((r) => r.spec?.name)).size).toBe(6);
  });

  it('caps the grid at maxRuns and turns ranges into points', () => {
    const p = plan({
      maxRuns: 5,
      dimensions: [
        { path: 'data.lookback', values: [6, 12, 24] },
        { path: 'model.layers.0.units', range: { min: 8, max: 128, log: true, integer: true } },
      ],
    });
    expect(gridSize(p)).toBe(3 * GRID_RANGE_POINTS);
    const runs = planRuns(base(), p);
    expect(runs).toHaveLength(5);
    expect(runs.slice(0, 3).map((r) => r.values['model.layers.0.units'])).toEqual([8, 32, 128]);
  });

  it('applies the layer count before per-layer paths', () => {
    const runs = planRuns(
      base(),
      plan({
        dimensions: [
          { path: 'model.layers.2.units', values: [48] },
          { path: 'model.layerCount', values: [1, 3] },
        ],
      }),
    );
    expect(runs[0].spec).toBeNull();
    expect(runs[0].skipped).toMatch(/no item 3/);
    expect(runs[1].spec?.model.layers.map((l) => l.units)).toEqual([16, 8, 48]);
  });

  it('skips invalid combinations with the reason instead of failing', () => {
    const runs = planRuns(
      base(),
      plan({
        dimensions: [
          { path: 'training.loss', values: ['mse', 'binaryCrossentropy'] },
          { path: 'model.layers.*.dropout', values: [0.2, 2] },
        ],
      }),
    );
    expect(runs.map((r) => r.spec !== null)).toEqual([true, false, false, false]);
    expect(runs[1].skipped).toMatch(/dropout/);
    // The reason in words (the loss field's own sentence), not a schema path.
    expect(runs[2].skipped).toMatch(/not a cross-entropy loss/);
    expect(expandPlan(base(), plan({ dimensions: [{ path: 'data.lookback', values: [0, 5] }] }))).toHaveLength(1);
  });

  it('rejects plans that cannot work at all', () => {
    expect(() => planRuns(base(), plan({ dimensions: [] }))).toThrow(PlanError);
    expect(() => planRuns(base(), plan({ dimensions: [{ path: 'data.lookback' }] }))).toThrow(/values or a range/);
    expect(() =>
      planRuns(base(), plan({ dimensions: [{ path: 'x', range: { min: 0, max: 1, log: true, integer: false } }] })),
    ).toThrow(/log range/);
  });
});

describe('random plans', () => {
  const random = (seed: number): SearchPlan => ({
    mode: 'random',
    maxRuns: 20,
    seed,
    dimensions: [
      { path: 'training.optimizer.learningRate', range: { min: 1e-4, max: 1e-1, log: true, integer: false } },
      { path: 'model.layers.0.units', range: { min: 8, max: 64, log: false, integer: true } },
      { path: 'model.cell', values: ['LSTM', 'GRU', 'SimpleRNN'] },
    ],
  });

  it('is reproducible by seed and differs between seeds', () => {
    const a = planRuns(base(), random(7)).map((r) => r.values);
    expect(planRuns(base(), random(7)).map((r) => r.values)).toEqual(a);
    expect(planRuns(base(), random(8)).map((r) => r.values)).not.toEqual(a);
    expect(a).toHaveLength(20);
  });

  it('draws within the ranges, integers where asked, and spreads a log range over its decades', () => {
    const runs = planRuns(base(), { ...random(3), maxRuns: 200 });
    const rates = runs.map((r) => r.values['training.optimizer.learningRate'] as number);
    const units = runs.map((r) => r.values['model.layers.0.units'] as number);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...rates)).toBeLessThanOrEqual(1e-1);
    expect(units.every((u) => Number.isInteger(u) && u >= 8 && u <= 64)).toBe(true);
    // Log-uniform: about a third of the draws in each decade, not 90% in the top one.
    const lowest = rates.filter((r) => r < 1e-3).length / rates.length;
    expect(lowest).toBeGreaterThan(0.2);
    expect(lowest).toBeLessThan(0.47);
    expect(new Set(runs.map((r) => r.values['model.cell']))).toEqual(new Set(['LSTM', 'GRU', 'SimpleRNN']));
  });
});
