/** The production implementations of the service's dependencies. */
import { loadTf } from '../tensorflow/load-tf';
import { summarizeModel } from '../engine/model/model-builder';
import { loadTable } from '../data/import/load-table';
import type { StudioServiceDeps } from './service-types';
import { estimateModelDims } from './model-dims';
import { createWorkerLauncher } from './worker-launcher';
import { JobWorkerClient } from '../worker/job-client';
import { unpackInWorker } from '../worker/project-unpack-client';

/** Production dependencies: training, model jobs and project unpacking in worker threads, native TensorFlow when installed. */
export function defaultDeps(): StudioServiceDeps {
  const jobs = new JobWorkerClient();
  return {
    runJob: (job, log) => jobs.run(job, log),
    stopJobs: () => jobs.shutdown(),
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
    unpackProject: unpackInWorker,
  };
}
