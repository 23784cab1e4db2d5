import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../src-main/shared/spec';
import { PRESETS } from '../../../../src-renderer/components/settings/presets';

function applied(id: string) {
  const r = parseSpec({ data: { file: '/data/file.csv', targetColumns: ['label'] } });
  if (!r.ok) throw new Error('spec');
  PRESETS.find((p) => p.id === id)!.apply(r.spec);
  return r.spec;
}

describe('classification presets', () => {
  it('give training room to leave a plateau: patience, a minimum of epochs, no learning-rate halving', () => {
    for (const id of ['sentiment', 'sequences']) {
      const t = applied(id).training;
      expect(t.earlyStopping, id).toMatchObject({ enabled: true, patience: 30, minEpochs: 20 });
      expect(t.reduceLrOnPlateau.enabled, id).toBe(false);
      expect(t.optimizer.learningRate, id).toBe(0.003);
      expect(t.epochs, id).toBeGreaterThan(t.earlyStopping.minEpochs + t.earlyStopping.patience);
    }
  });

  it('leave the forecast preset without a minimum of epochs', () => {
    expect(applied('forecast').training.earlyStopping.minEpochs).toBe(0);
  });
});
