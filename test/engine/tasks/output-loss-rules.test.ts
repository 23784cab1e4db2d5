import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src-main/shared/spec';
import type { ExperimentSpecInput } from '../../../src-main/shared/spec';

type Task = NonNullable<ExperimentSpecInput['task']>;
type Output = 'linear' | 'sigmoid' | 'softmax' | null;
type LossName =
  'mse' | 'mae' | 'huber' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy' | null;

function problems(task: Task, outputActivation: Output, loss: LossName) {
  const r = parseSpec({
    task,
    data: { file: '/data.csv', targetColumns: ['label'] },
    model: { outputActivation },
    training: { loss },
  });
  return r.ok ? [] : r.problems;
}

describe('output activation against loss', () => {
  it('rejects the contradictions users hit, with a message that says what to change', () => {
    const linear = problems('sequence-classification', 'linear', 'binaryCrossentropy');
    expect(linear).toEqual([expect.objectContaining({ path: 'model.outputActivation' })]);
    expect(linear[0].message).toMatch(/linear output.*sigmoid output with binary cross-entropy/);

    const sigmoidSparse = problems('text-classification', 'sigmoid', 'sparseCategoricalCrossentropy');
    expect(sigmoidSparse).toHaveLength(1);
    expect(sigmoidSparse[0].message).toMatch(/single unit.*use a softmax output/);

    const sigmoidCategorical = problems('sequence-classification', 'sigmoid', 'categoricalCrossentropy');
    expect(sigmoidCategorical).toHaveLength(1);
    expect(sigmoidCategorical[0].message).toMatch(/more than two classes.*use a softmax output/);

    const softmaxBinary = problems('text-classification', 'softmax', 'binaryCrossentropy');
    expect(softmaxBinary).toHaveLength(1);
    expect(softmaxBinary[0].message).toMatch(/use a sigmoid output/);

    const regression = problems('text-classification', null, 'mae');
    expect(regression).toEqual([expect.objectContaining({ path: 'training.loss' })]);
    expect(regression[0].message).toMatch(/not MAE/);
  });

  it('holds per-step tasks to a softmax and sparse categorical cross-entropy', () => {
    expect(problems('sequence-labeling', 'sigmoid', null)[0].message).toMatch(/Sequence labeling.*softmax/);
    expect(problems('text-generation', null, 'categoricalCrossentropy')[0].message).toMatch(
      /Text generation trains with sparse categorical cross-entropy/,
    );
    expect(problems('sequence-labeling', 'softmax', 'sparseCategoricalCrossentropy')).toEqual([]);
  });

  it('accepts every pair that trains, and anything left on automatic', () => {
    const fine: [Task, Output, LossName][] = [
      ['sequence-classification', 'sigmoid', 'binaryCrossentropy'],
      ['sequence-classification', 'softmax', 'categoricalCrossentropy'],
      ['text-classification', 'softmax', 'sparseCategoricalCrossentropy'],
      ['forecast', 'linear', 'huber'],
      ['forecast', 'sigmoid', 'mse'],
      ['text-generation', null, null],
      ['sequence-labeling', null, null],
      ['text-classification', null, 'categoricalCrossentropy'],
      ['sequence-classification', 'softmax', null],
    ];
    for (const [task, out, loss] of fine) expect(problems(task, out, loss), `${task} ${out} ${loss}`).toEqual([]);
  });
});
