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

  it('takes classification tasks too', () => {
    for (const task of ['sequence-classification', 'text-classification', 'sequence-labeling']) {
      expect(
        problems({ task, data, training: { ensemble: 3 } }).filter((p) => p.startsWith('training.ensemble')),
      ).toEqual([]);
    }
  });

  it('is refused with one sentence for text generation and for one network over all series', () => {
    const generation = problems({ task: 'text-generation', data, training: { ensemble: 3 } });
    expect(generation.filter((p) => p.startsWith('training.ensemble'))).toEqual([
      'training.ensemble: An ensemble (several networks whose median forecast or mean class probabilities are the answer) is for forecasts and classification: set the ensemble size to 1 for this task.',
    ]);
    expect(
      problems({ task: 'text-generation', data, training: { ensemble: 1 } }).filter((p) =>
        p.startsWith('training.ensemble'),
      ),
    ).toEqual([]);
    const global = problems({ data: { ...data, series: { scope: 'all' } }, training: { ensemble: 2 } });
    expect(global).toEqual([
      'training.ensemble: An ensemble trains one series at a time: set the ensemble size to 1 to train one network over all series.',
    ]);
  });
});
