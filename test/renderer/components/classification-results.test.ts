// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';
import ClassificationResults from '../../../src-renderer/components/results/ClassificationResults.vue';

const base: ClassificationEvaluation = {
  kind: 'classification',
  classes: ['negative', 'positive'],
  accuracy: 0.521,
  macroF1: 0.34,
  perClass: [],
  confusion: [
    [0, 46],
    [0, 50],
  ],
  auc: null,
};

describe('ClassificationResults', () => {
  it('shows the chance-level verdict above the scores when there is one', () => {
    const verdict = 'The model ends at chance level: test accuracy 52.1% against 52.1%. Try word tokens.';
    const wrapper = mount(ClassificationResults, { props: { evaluation: { ...base, chanceVerdict: verdict } } });
    expect(wrapper.get('[data-testid="chance-verdict"]').text()).toBe(verdict);
  });

  it('shows no verdict for a model that learned', () => {
    const wrapper = mount(ClassificationResults, {
      props: { evaluation: { ...base, accuracy: 0.95, chanceVerdict: null } },
    });
    expect(wrapper.find('[data-testid="chance-verdict"]').exists()).toBe(false);
  });

  it('for entity tags, shows the entity F1 and how many entities were found, and nothing of it otherwise', () => {
    const entities = { precision: 0.5, recall: 0.25, f1: 1 / 3, support: 40, predicted: 20 };
    const wrapper = mount(ClassificationResults, {
      props: { evaluation: { ...base, classes: ['B-PER', 'I-PER', 'O'], entities }, perStep: true },
    });
    expect(wrapper.get('[data-testid="entity-f1-value"]').text()).toBe('0.333');
    expect(wrapper.get('[data-testid="entity-note"]').text()).toContain('40 in the test split, 20 marked');
    expect(
      mount(ClassificationResults, { props: { evaluation: base } })
        .find('[data-testid="entity-f1-value"]')
        .exists(),
    ).toBe(false);
  });
});
