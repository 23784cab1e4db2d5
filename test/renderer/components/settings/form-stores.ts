/** Fresh stores for a settings form under test, with a studio API that accepts every spec. */
import { createPinia, setActivePinia } from 'pinia';
import { setStudioApi } from '../../../../src-renderer/composables/use-studio-api';
import { useExperimentStore } from '../../../../src-renderer/stores/experiment-store';
import { FakeStudioApi } from '../../fake-studio-api';
import { modelSummary } from '../../fixtures';

export function freshExperimentStore(): ReturnType<typeof useExperimentStore> {
  setStudioApi(
    new FakeStudioApi({
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
    }),
  );
  setActivePinia(createPinia());
  return useExperimentStore();
}
