/** The production implementations of the service's dependencies. */
import { loadTf } from '../tensorflow/load-tf';
import { summarizeModel } from '../engine/model/model-builder';
import { loadTable } from '../data/import/load-table';
import { withSeasons } from '../forecast/seasons-summary';
import type { StudioServiceDeps } from './service-types';
import { estimateModelDims } from './model-dims';
import { createWorkerLauncher } from './worker-launcher';
import { JobWorkerClient } from '../worker/job-client';

/** Production dependencies: training and model jobs in worker threads, native TensorFlow when installed. */
export function defaultDeps(): StudioServiceDeps {
  const jobs = new JobWorkerClient();
  return {
    runJob: (job, log) => jobs.run(job, log),
    stopJobs: () => jobs.shutdown(),
    // The data view also names the series' seasons ("7 days and 1 year").
    loadTable: async (path, options) => withSeasons(await loadTable(path, options)),
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
