/** The production implementations of the service's dependencies. */
import { loadTf } from '../engine/backend';
import { summarizeModel } from '../engine/model-builder';
import { loadTable } from '../data/import/load-table';
import type { StudioServiceDeps } from './studio-service';
import { estimateModelDims } from './model-dims';
import { createWorkerLauncher } from './worker-launcher';

export function defaultDeps(): StudioServiceDeps {
  return {
    loadTable,
    launchRun: createWorkerLauncher(),
    summarizeModel: async (spec, dataset) => {
      const { tf } = await loadTf();
      return summarizeModel(tf, spec, estimateModelDims(spec, dataset));
    },
    backendInfo: async () => {
      const { backend, note } = await loadTf();
      return { backend, note };
    },
    progressIntervalMs: 250,
  };
}
