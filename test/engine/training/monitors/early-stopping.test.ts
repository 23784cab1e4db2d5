import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../../src-main/engine/training/monitors/early-stopping';

const ctx = { lossName: 'validation' as const, bestEpoch: 2 };

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without a new best, naming the best epoch', () => {
    const stop = new EarlyStopping(true, 3);
    expect(stop.observe(1, true, ctx)).toBeNull();
    expect(stop.observe(2, true, ctx)).toBeNull();
    expect(stop.observe(3, false, ctx)).toBeNull();
    expect(stop.observe(4, false, ctx)).toBeNull();
    const reason = stop.observe(5, false, ctx);
    expect(reason).toContain('Stopped early at epoch 5');
    expect(reason).toContain('not improved for 3 epochs (best at epoch 2)');
  });

  it('starts counting again after an improvement', () => {
    const stop = new EarlyStopping(true, 2);
    stop.observe(1, false, ctx);
    stop.observe(2, true, ctx);
    expect(stop.observe(3, false, ctx)).toBeNull();
    expect(stop.observe(4, false, ctx)).not.toBeNull();
  });

  it('never stops when disabled', () => {
    const stop = new EarlyStopping(false, 1);
    for (let e = 1; e <= 20; e++) expect(stop.observe(e, false, ctx)).toBeNull();
  });
});
