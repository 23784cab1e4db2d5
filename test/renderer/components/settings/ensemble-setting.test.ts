// @vitest-environment happy-dom
/** The ensemble size on the advanced part of the form: forecasts and classification, bound to training.ensemble. */
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import AdvancedSettings from '../../../../src-renderer/components/settings/AdvancedSettings.vue';
import type { useExperimentStore } from '../../../../src-renderer/stores/experiment-store';
import { freshExperimentStore } from './form-stores';
import { spec } from '../../fixtures';

describe('Ensemble size', () => {
  let experiment: ReturnType<typeof useExperimentStore>;
  beforeEach(() => {
    experiment = freshExperimentStore();
  });

  it('sets how many networks a forecast trains, and says what it costs', async () => {
    await experiment.load(spec());
    const wrapper = mount(AdvancedSettings);
    const input = wrapper.get('[data-testid="ensemble-input"]');
    expect(wrapper.text()).toContain('Ensemble size');
    expect(wrapper.text()).toContain('median');
    expect(input.attributes('max')).toBe('9');
    await input.setValue('3');
    expect(experiment.spec!.training.ensemble).toBe(3);
  });

  it('averages class probabilities for a classification, and is not offered for text generation', async () => {
    await experiment.load({ ...spec(), task: 'sequence-classification' });
    const classes = mount(AdvancedSettings);
    expect(classes.find('[data-testid="ensemble-input"]').exists()).toBe(true);
    expect(classes.text()).toContain('mean of their class probabilities');
    expect(classes.text()).not.toContain('median');
    await experiment.load({ ...spec(), task: 'text-generation' });
    const generation = mount(AdvancedSettings);
    expect(generation.find('[data-testid="ensemble-input"]').exists()).toBe(false);
  });
});
