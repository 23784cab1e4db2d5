import { describe, expect, it } from 'vitest';
import { chanceVerdict } from '../../../src-main/engine/metrics/chance-verdict';
import { parseSpec } from '../../../src-main/shared/spec';
import type { ExperimentSpec } from '../../../src-main/shared/spec';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';

function spec(training: Record<string, unknown> = {}, tokens: 'char' | 'word' = 'char'): ExperimentSpec {
  const r = parseSpec({
    task: 'text-classification',
    data: { file: '/data/reviews.csv', targetColumns: ['sentiment'], text: { column: 'review', tokens } },
    training,
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.spec;
}

function evaluation(confusion: number[][]): ClassificationEvaluation {
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  const correct = confusion.reduce((a, row, i) => a + row[i], 0);
  return {
    kind: 'classification',
    classes: ['negative', 'positive'],
    accuracy: correct / total,
    macroF1: 0,
    perClass: [],
    confusion,
    auc: null,
  };
}

describe('chanceVerdict', () => {
  it('says a model that answers one class to everything ends at chance level, and what to try', () => {
    // 46 negative and 50 positive test reviews, all answered "positive": the 0.46-accuracy run had the mirror image.
    const v = chanceVerdict(
      evaluation([
        [0, 46],
        [0, 50],
      ]),
      spec(),
    );
    expect(v).toMatch(/chance level: test accuracy 52\.1% against 52\.1%/);
    expect(v).toMatch(/answers "positive" to almost everything/);
    expect(v).toMatch(/word tokens/);
    expect(v).toMatch(/learning-rate reduction on plateau/);
    expect(v).toMatch(/patience \(40 instead of 10\)/);
  });

  it('suggests only the changes that apply to the spec', () => {
    const tuned = spec(
      { optimizer: { learningRate: 0.003 }, reduceLrOnPlateau: { enabled: false }, earlyStopping: { patience: 40 } },
      'word',
    );
    const v = chanceVerdict(
      evaluation([
        [20, 26],
        [24, 26],
      ]),
      tuned,
    );
    expect(v).toMatch(/no better than guessing/);
    expect(v).not.toMatch(/word tokens|reduction on plateau|patience|learning rate of/);
    expect(v).toMatch(/bidirectional layer/);
    // A network that already reads both ways is not told to.
    const both = { ...tuned, model: { ...tuned.model, layers: [{ ...tuned.model.layers[0], bidirectional: true }] } };
    const again = chanceVerdict(
      evaluation([
        [20, 26],
        [24, 26],
      ]),
      both,
    );
    expect(again).not.toMatch(/bidirectional/);
    expect(again).toMatch(/more labelled examples per class/);
  });

  it('stays silent for a model clearly above chance', () => {
    expect(
      chanceVerdict(
        evaluation([
          [40, 6],
          [5, 45],
        ]),
        spec(),
      ),
    ).toBeNull();
  });
});
