/** The preprocessing.json schema: the damage the reliability probe found, each refused with one sentence. */
import { describe, expect, it } from 'vitest';
import { PreprocessingError, readPreprocessing } from '../../src-main/shared/preprocessing-schema';
import { DAMAGED_PREPROCESSING, validPreprocessing } from './preprocessing-fixture';

describe('preprocessing.json schema', () => {
  it('accepts a complete file and returns it as written', () => {
    const file = validPreprocessing();
    expect(readPreprocessing(JSON.parse(JSON.stringify(file)), 'pre.json')).toEqual(file);
  });

  it.each(DAMAGED_PREPROCESSING)('refuses %s with one sentence naming the field', (_name, damage, message) => {
    const file = JSON.parse(JSON.stringify(validPreprocessing())) as Record<string, unknown>;
    damage(file);
    let thrown: unknown;
    try {
      readPreprocessing(file, 'model/preprocessing.json');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(PreprocessingError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).toMatch(/^model\/preprocessing\.json is damaged: /);
    expect(text.split('. ').length).toBe(1);
  });

  it("checks a global model's series: each reads as many inputs as the model, with usable scalers", () => {
    const file = validPreprocessing();
    const target = file.target;
    if (!target) throw new Error('a forecast file has a target');
    const own = { id: 'north', inputs: file.inputs, target };
    const global = { ...file, series: [own, { ...own, id: 'south' }] };
    expect(readPreprocessing(JSON.parse(JSON.stringify(global)), 'pre.json')).toEqual(global);
    const short = { ...global, series: [own, { ...own, id: 'south', inputs: [] }] };
    expect(() => readPreprocessing(short, 'pre.json')).toThrow(
      'pre.json is damaged: series.1.inputs has 0 inputs, but the model reads 1.',
    );
    const flat = JSON.parse(JSON.stringify(global)) as typeof global;
    flat.series[0].target = { ...target, scaler: { kind: 'standard', center: 0, scale: 0 } };
    expect(() => readPreprocessing(flat, 'pre.json')).toThrow(
      /series\.0\.target\.scaler\.scale must be greater than 0/,
    );
  });

  it('tells a newer file apart from a foreign one', () => {
    expect(() => readPreprocessing({ format: 'other' }, 'p.json')).toThrow(
      'p.json is not a Recurrent Studio preprocessing file.',
    );
    expect(() => readPreprocessing({ ...validPreprocessing(), version: 2 }, 'p.json')).toThrow(/Update the app/);
  });
});
