import { describe, expect, it } from 'vitest';
import { problemInWords, settingName } from '../../../src-renderer/utils/problem-words';

describe('problems in words', () => {
  it('turns the schema’s terse messages into sentences', () => {
    expect(problemInWords('Too small: expected number to be >=1')).toBe('Must be at least 1.');
    expect(problemInWords('Too big: expected number to be <=0.95')).toBe('Must be at most 0.95.');
    expect(problemInWords('Too small: expected number to be >0')).toBe('Must be more than 0.');
    expect(problemInWords('Invalid input: expected number, received string')).toBe('Must be a number.');
    expect(problemInWords('Invalid input: expected int, received number')).toBe('Must be a whole number.');
    expect(problemInWords('Invalid option: expected one of "adam"|"sgd"')).toBe('Choose one of "adam", "sgd".');
  });

  it('leaves messages already in words alone', () => {
    const words = 'The window (5000 steps) leaves no test windows: use at most 1,100 steps.';
    expect(problemInWords(words)).toBe(words);
  });

  it('names settings without schema paths', () => {
    expect(settingName('model.layers.0.units')).toBe('units of layer 1');
    expect(settingName('model.layers.2.recurrentDropout')).toBe('recurrent dropout of layer 3');
    expect(settingName('training.optimizer.learningRate')).toBe('learning rate');
    expect(settingName('data.seasonalPeriod')).toBe('seasonal period');
  });
});
