import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src-main/shared/spec';

const data = { file: '/data/series.csv', targetColumns: ['value'] };

function problems(input: unknown): string[] {
  const r = parseSpec(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('the ensemble size in a spec', () => {
  it('is 1 for specs saved before ensembles existed', () => {
    const r = parseSpec({ data, training: { epochs: 5 } });
    expect(r.ok && r.spec.training.ensemble).toBe(1);
  });

  it('takes 1 to 9 networks for a forecast and names the field otherwise', () => {
    expect(problems({ data, training: { ensemble: 9 } })).toEqual([]);
    expect(problems({ data, training: { ensemble: 10 } })).toEqual([
      'training.ensemble: Ensemble size must be at most 9.',
    ]);
    expect(problems({ data, training: { ensemble: 0 } })).toEqual([
      'training.ensemble: Ensemble size must be at least 1.',
    ]);
    expect(problems({ data, training: { ensemble: 2.5 } })[0]).toContain('Ensemble size must be a whole number');
  });

  it('is refused with one sentence for other tasks and for one network over all series', () => {
    const classes = problems({ task: 'sequence-classification', data, training: { ensemble: 3 } });
    expect(classes).toHaveLength(1);
    expect(classes[0]).toMatch(/^training\.ensemble: An ensemble .* is for forecasts only: set the ensemble size to 1/);
    expect(problems({ task: 'sequence-classification', data, training: { ensemble: 1 } })).toEqual([]);
    const global = problems({ data: { ...data, series: { scope: 'all' } }, training: { ensemble: 2 } });
    expect(global).toEqual([
      'training.ensemble: An ensemble trains one series at a time: set the ensemble size to 1 to train one network over all series.',
    ]);
  });
});
