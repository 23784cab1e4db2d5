import { describe, expect, it } from 'vitest';
import { PlateauSchedule } from '../../../../src-main/engine/training/monitors/plateau-schedule';

const settings = { enabled: true, patience: 2, factor: 0.5, minLearningRate: 0.0003 };

describe('PlateauSchedule', () => {
  it('halves the rate after `patience` flat epochs and says so', () => {
    const s = new PlateauSchedule(settings, 0.002);
    expect(s.observe(1, 1.0)).toBeNull();
    expect(s.observe(2, 1.1)).toBeNull();
    const drop = s.observe(3, 1.2);
    expect(drop?.learningRate).toBeCloseTo(0.001);
    expect(drop?.line).toBe('Epoch 3: no improvement for 2 epochs, learning rate 0.002 → 0.001.');
    expect(s.learningRate).toBeCloseTo(0.001);
  });

  it('never goes below the minimum and stays quiet once there', () => {
    const s = new PlateauSchedule(settings, 0.0005);
    s.observe(1, 1);
    s.observe(2, 2);
    expect(s.observe(3, 2)?.learningRate).toBeCloseTo(0.0003);
    s.observe(4, 2);
    expect(s.observe(5, 2)).toBeNull();
    expect(s.learningRate).toBeCloseTo(0.0003);
  });

  it('resets its count on a new best', () => {
    const s = new PlateauSchedule(settings, 0.01);
    s.observe(1, 1);
    s.observe(2, 2);
    expect(s.observe(3, 0.5)).toBeNull();
    expect(s.observe(4, 0.6)).toBeNull();
    expect(s.observe(5, 0.6)).not.toBeNull();
  });

  it('does nothing when disabled', () => {
    const s = new PlateauSchedule({ ...settings, enabled: false }, 0.01);
    for (let e = 1; e <= 10; e++) expect(s.observe(e, e)).toBeNull();
    expect(s.learningRate).toBe(0.01);
  });
});
