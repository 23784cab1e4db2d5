// @vitest-environment happy-dom
/**
 * "Automatic" output activation and loss name what training will use for the data at hand: a
 * softmax and categorical cross-entropy once the architecture check reports three classes, a
 * sigmoid and binary cross-entropy for two.
 */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import NetworkSettings from '../../../../src-renderer/components/settings/NetworkSettings.vue';
import TrainingSettings from '../../../../src-renderer/components/settings/TrainingSettings.vue';
import { freshExperimentStore } from './form-stores';
import { modelSummary, spec } from '../../fixtures';

describe('the automatic output and loss of a classification', () => {
  for (const [classes, activation, loss] of [
    [3, 'softmax', 'Sparse categorical cross-entropy'],
    [2, 'sigmoid', 'Binary cross-entropy'],
  ] as const) {
    it(`follow the ${classes} classes the data holds`, async () => {
      const experiment = freshExperimentStore();
      await experiment.load({ ...spec(), task: 'text-classification' });
      experiment.summary = { ...modelSummary(), classCount: classes };
      const network = mount(NetworkSettings).text();
      const training = mount(TrainingSettings).text();
      expect(network).toContain(`Automatic (${activation})`);
      expect(training).toContain(`Automatic (${loss})`);
    });
  }
});
