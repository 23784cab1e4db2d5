import { describe, expect, it } from 'vitest';
import { entityScores, entitySpans, isEntityTagSet } from '../../../src-main/engine/metrics/entity-spans';

describe('entities from BIO tags', () => {
  it('groups words into typed entities: B- opens, I- continues, O and a new type close', () => {
    expect(entitySpans(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'I-ORG'])).toEqual([
      '0:1:PER',
      '3:3:LOC',
      '4:5:LOC',
      '6:6:ORG',
    ]);
    // IOB1: an entity may open with I-; BIOES: E- and S- close one.
    expect(entitySpans(['I-PER', 'I-PER', 'O', 'S-LOC', 'B-ORG', 'E-ORG', 'I-ORG'])).toEqual([
      '0:1:PER',
      '3:3:LOC',
      '4:5:ORG',
      '6:6:ORG',
    ]);
    expect(entitySpans(['O', 'O'])).toEqual([]);
  });

  it('knows an entity tag set from one of parts of speech', () => {
    expect(isEntityTagSet(['B-geo', 'I-geo', 'O'])).toBe(true);
    expect(isEntityTagSet(['NOUN', 'VERB', 'O'])).toBe(false);
    expect(isEntityTagSet(['B-NP', 'I-NP'])).toBe(false);
  });

  it('counts an entity found only when its words and type are both right', () => {
    const classes = ['B-PER', 'I-PER', 'B-LOC', 'O'];
    // Sequence 1: "Ann Lee went to Oslo" — PER(0-1) and LOC(4); the model finds PER whole and
    // calls Oslo a person. Sequence 2: "Bo" — PER(0); the model cuts nothing, finds it; its last
    // position has no true tag and is left out of both.
    const actual = [0, 1, 3, 3, 2, 0, -1];
    const predicted = [0, 1, 3, 3, 0, 0, 0];
    const s = entityScores(classes, actual, predicted, [
      [0, 1, 2, 3, 4],
      [5, 6],
    ]);
    expect(s.support).toBe(3);
    expect(s.predicted).toBe(3);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    // Half an entity is no entity: precision and recall both miss.
    const half = entityScores(classes, [0, 1, 1], [0, 3, 3], [[0, 1, 2]]);
    expect(half).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 1 });
  });
});
