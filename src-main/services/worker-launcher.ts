/** Runs each training run in its own worker thread through the training worker client. */
import { TrainingWorkerClient, type TrainingClientOptions } from '../worker/training-client';
import type { RunCallbacks, RunLauncher } from './run-launcher';

/**
 * A launcher backed by one TrainingWorkerClient. The client reports the events of all runs;
 * they are routed to the callbacks of the run they belong to.
 */
export function createWorkerLauncher(
  client?: TrainingWorkerClient,
  clientOptions: TrainingClientOptions = {},
): RunLauncher {
  const callbacks = new Map<string, RunCallbacks>();
  const wire = (c: TrainingWorkerClient): TrainingWorkerClient => {
    c.on('progress', (p) => callbacks.get(p.runId)?.onProgress(p));
    c.on('epoch', (e) => callbacks.get(e.runId)?.onEpoch(e));
    c.on('log', ({ runId, line }) => callbacks.get(runId)?.onLog(line));
    return c;
  };
  // Created on first use, so a service that never trains (tests, previews) starts no machinery.
  let shared = client ? wire(client) : null;
  return (request, runCallbacks) => {
    shared ??= wire(new TrainingWorkerClient(clientOptions));
    const active = shared;
    callbacks.set(request.runId, runCallbacks);
    void active
      .start(request.runId, request.spec, request.outDir, request.continueFrom, request.verdictNote)
      .then((result) => {
        callbacks.delete(request.runId);
        runCallbacks.onFinished(result);
      });
    return { control: (action) => void active.control(request.runId, action) };
  };
}
