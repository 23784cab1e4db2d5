// @vitest-environment happy-dom
/** The verdict beside a classifier's scores shows main's judgement, never one of its own. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ClassificationEvaluation } from '../../../../src-main/shared/types';
import ClassificationVerdict from '../../../../src-renderer/components/results/ClassificationVerdict.vue';

function evaluation(over: Partial<ClassificationEvaluation>): ClassificationEvaluation {
  return {
    kind: 'classification',
    classes: ['negative', 'positive'],
    accuracy: 0.9,
    macroF1: 0.5,
    perClass: [],
    // A confusion matrix whose majority differs from main's baseline: the component must not recount it.
    confusion: [
      [900, 0],
      [100, 0],
    ],
    auc: null,
    ...over,
  };
}

describe('ClassificationVerdict', () => {
  it('says by how much the model beats main’s majority-class baseline', () => {
    const w = mount(ClassificationVerdict, {
      props: { evaluation: evaluation({ majorityBaseline: { label: 'positive', accuracy: 0.75 }, verdict: null }) },
    });
    const verdict = w.get('[data-testid="majority-verdict"]').text();
    expect(verdict).toContain('Beats always answering “positive” (75.0%');
    expect(verdict).toContain('by 15 points');
    expect(w.find('[data-testid="small-test-caution"]').exists()).toBe(false);
  });

  it('shows main’s sentence when the model does no better, and main’s small-test caution', () => {
    const sentence =
      'On the test data the model\'s accuracy (0.50) does not beat always answering "positive", the most common class (0.70).';
    const caution = 'Judged on only 20 test sequences: with so few, any verdict is a rough guide.';
    const w = mount(ClassificationVerdict, {
      props: {
        evaluation: evaluation({
          accuracy: 0.5,
          majorityBaseline: { label: 'positive', accuracy: 0.7 },
          verdict: sentence,
          caution,
        }),
      },
    });
    expect(w.get('[data-testid="majority-verdict"]').text()).toBe(sentence);
    expect(w.get('[data-testid="majority-verdict"]').classes()).not.toContain('good');
    expect(w.get('[data-testid="small-test-caution"]').text()).toBe(caution);
  });

  it('says nothing of a baseline for a run saved before main recorded one', () => {
    const w = mount(ClassificationVerdict, { props: { evaluation: evaluation({}) } });
    expect(w.find('[data-testid="majority-verdict"]').exists()).toBe(false);
  });

  it('for texts, weighs the model against counting words: beats, matches, or main’s sentence when below', () => {
    const majority = { majorityBaseline: { label: 'positive', accuracy: 0.5 }, verdict: null };
    const beats = mount(ClassificationVerdict, {
      props: { evaluation: evaluation({ ...majority, wordCountBaseline: { accuracy: 0.8 } }) },
    });
    expect(beats.get('[data-testid="word-count-verdict"]').text()).toContain('Beats counting words (80.0%');
    expect(beats.get('[data-testid="word-count-verdict"]').classes()).toContain('good');
    const ties = mount(ClassificationVerdict, {
      props: { evaluation: evaluation({ ...majority, wordCountBaseline: { accuracy: 0.9 } }) },
    });
    expect(ties.get('[data-testid="word-count-verdict"]').text()).toContain('Matches counting words (90.0%');
    expect(ties.get('[data-testid="word-count-verdict"]').classes()).not.toContain('good');
    const sentence = 'On the test texts the model’s accuracy (0.90) is below that of counting words (0.95).';
    const below = mount(ClassificationVerdict, {
      props: {
        evaluation: evaluation({ ...majority, wordCountBaseline: { accuracy: 0.95 }, wordCountVerdict: sentence }),
      },
    });
    expect(below.get('[data-testid="word-count-verdict"]').text()).toBe(sentence);
    // Tagged words: the bar of each word's usual tag, in the same place.
    const tags = mount(ClassificationVerdict, {
      props: { evaluation: evaluation({ ...majority, wordTagBaseline: { accuracy: 0.8 } }) },
    });
    expect(tags.get('[data-testid="word-tag-verdict"]').text()).toContain('Beats tagging each word alone (80.0%');
    expect(tags.find('[data-testid="word-count-verdict"]').exists()).toBe(false);
    // No words to count (sequences, character tokens): no line.
    expect(
      mount(ClassificationVerdict, { props: { evaluation: evaluation(majority) } })
        .find('[data-testid="word-count-verdict"]')
        .exists(),
    ).toBe(false);
  });
});
