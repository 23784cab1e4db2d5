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

  it('tells a newer file apart from a foreign one', () => {
    expect(() => readPreprocessing({ format: 'other' }, 'p.json')).toThrow(
      'p.json is not a Recurrent Studio preprocessing file.',
    );
    expect(() => readPreprocessing({ ...validPreprocessing(), version: 2 }, 'p.json')).toThrow(/Update the app/);
  });
});
