/** The production implementations of the service's dependencies. */
import { loadTf } from '../tensorflow/load-tf';
import { summarizeModel } from '../engine/model/model-builder';
import { buildSeq2seqModel } from '../engine/tasks/seq2seq/seq2seq-model';
import { loadTable } from '../data/import/load-table';
import { withSeasons } from '../forecast/seasons-summary';
import type { StudioServiceDeps } from './service-types';
import { estimateModelDims } from './model-dims';
import { createWorkerLauncher } from './worker-launcher';
import { JobWorkerClient } from '../worker/job-client';
import { unpackInWorker } from '../worker/project-unpack-client';

/** Weightless layers of the sequence-to-sequence graph that only reshape or cut tensors. */
const PLUMBING = new Set(['Reshape', 'Cropping2D']);

/** Production dependencies: training, model jobs and project unpacking in worker threads, native TensorFlow when installed. */
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
      const dims = estimateModelDims(spec, dataset);
      const vocab = dims.vocabSize ?? spec.data.text.vocabSize;
      // The network a pair run trains: encoder and decoder over the source and target lengths.
      const build =
        spec.task === 'sequence-to-sequence'
          ? () =>
              buildSeq2seqModel(tf, spec, {
                sourceLength: dims.timesteps,
                targetLength: spec.seq2seq.targetMaxLength + 1,
                sourceVocab: vocab,
                targetVocab: vocab,
              })
          : undefined;
      const summary = summarizeModel(tf, spec, dims, build);
      if (!build) return summary;
      // The reshapes and crops that cut the one training input apart carry no weights and
      // mean nothing to the user: the table lists embeddings, encoder, decoder, attention and output.
      return { ...summary, layers: summary.layers.filter((l) => !PLUMBING.has(l.className)) };
    },
    backendInfo: async () => {
      const { backend, note } = await loadTf();
      return { backend, note };
    },
    progressIntervalMs: 250,
    unpackProject: unpackInWorker,
  };
}
