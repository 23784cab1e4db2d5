// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ClassificationEvaluation } from '../../../../src-main/shared/types';
import ClassificationVerdict from '../../../../src-renderer/components/results/ClassificationVerdict.vue';

function evaluation(accuracy: number, confusion: number[][]): ClassificationEvaluation {
  return {
    kind: 'classification',
    classes: ['negative', 'positive'],
    accuracy,
    macroF1: 0.5,
    perClass: [],
    confusion,
    auc: null,
  };
}

describe('ClassificationVerdict', () => {
  it('says by how much the model beats always answering the most common class', () => {
    const w = mount(ClassificationVerdict, {
      props: {
        evaluation: evaluation(0.9, [
          [400, 100],
          [0, 1500],
        ]),
        unit: 'texts',
      },
    });
    const verdict = w.get('[data-testid="majority-verdict"]').text();
    expect(verdict).toContain('Beats always answering “positive” (75.0%');
    expect(verdict).toContain('by 15.0 points');
    // 2,000 predictions: the margin is small, so no caution.
    expect(w.find('[data-testid="small-test-caution"]').exists()).toBe(false);
  });

  it('says plainly when the model does no better, and cautions about a small test split', () => {
    const w = mount(ClassificationVerdict, {
      // Actual: 6 negative, 14 positive; the model gets 2 + 8 right.
      props: {
        evaluation: evaluation(0.5, [
          [2, 4],
          [6, 8],
        ]),
        unit: 'sequences',
      },
    });
    expect(w.get('[data-testid="majority-verdict"]').text()).toContain(
      'Does not beat always answering “positive”, the most common class in the test split, which scores 70.0%, 20.0 points more',
    );
    const caution = w.get('[data-testid="small-test-caution"]').text();
    expect(caution).toContain('Only 20 test sequences');
    expect(caution).toContain(`${(1.96 * Math.sqrt(0.25 / 20) * 100).toFixed(1)} points`);
  });
});
