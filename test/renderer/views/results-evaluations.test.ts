// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { formatNumber, formatPercent } from '../../../src-renderer/utils/format';
import ResultsView from '../../../src-renderer/views/ResultsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { runResult } from '../fixtures';
import { classificationEvaluation } from '../fixtures-more';

describe('Results for text generation and sequence labeling', () => {
  beforeEach(() => {
    setStudioApi(new FakeStudioApi());
    setActivePinia(createPinia());
  });

  it('shows BLEU beside perplexity with what it compares, and no BLEU when main has none', async () => {
    const evaluation = { kind: 'generation' as const, perplexity: 5.25, sample: 'the river rose', bleu: 0.173 };
    useRunsStore().adopt(runResult({ task: 'text-generation', evaluation }));
    const wrapper = mount(ResultsView);
    await flushPromises();
    expect(wrapper.get('[data-testid="perplexity"]').text()).toBe(formatNumber(5.25, 4));
    expect(wrapper.get('[data-testid="bleu"]').text()).toBe('0.173');
    expect(wrapper.get('[data-testid="generation-kpis"]').text()).toContain('text that really followed');

    useRunsStore().adopt(
      runResult({ runId: 'run-2', task: 'text-generation', evaluation: { ...evaluation, bleu: undefined } }),
    );
    await flushPromises();
    expect(wrapper.find('[data-testid="bleu"]').exists()).toBe(false);
  });

  it('shows a labeling run’s per-step accuracy, macro F1 and confusion matrix', async () => {
    const evaluation = classificationEvaluation({
      classes: ['calm', 'flood', 'drought'],
      accuracy: 0.78,
      macroF1: 0.61,
      auc: null,
      roc: undefined,
      confusion: [
        [50, 3, 2],
        [4, 20, 1],
        [6, 0, 14],
      ],
      perClass: [
        { label: 'calm', precision: 0.83, recall: 0.91, f1: 0.87, support: 55 },
        { label: 'flood', precision: 0.87, recall: 0.8, f1: 0.83, support: 25 },
        { label: 'drought', precision: 0.82, recall: 0.7, f1: 0.76, support: 20 },
      ],
    });
    useRunsStore().adopt(runResult({ task: 'sequence-labeling', evaluation, headline: { accuracy: 0.78 } }));
    const wrapper = mount(ResultsView);
    await flushPromises();
    const kpis = wrapper.get('[data-testid="classification-kpis"]').text();
    expect(kpis).toContain('Per-step accuracy');
    expect(wrapper.get('[data-testid="accuracy-value"]').text()).toBe(formatPercent(0.78));
    expect(wrapper.get('[data-testid="macro-f1-value"]').text()).toBe('0.610');
    expect(wrapper.find('[data-testid="per-step-note"]').exists()).toBe(true);
    expect(wrapper.get('[data-cell="2-0"]').text()).toBe('6');
    expect(wrapper.findAll('[data-testid="confusion-matrix"] tbody tr')).toHaveLength(3);
    expect(wrapper.find('[data-testid="results-tab-predict"]').exists()).toBe(true);
  });
});
