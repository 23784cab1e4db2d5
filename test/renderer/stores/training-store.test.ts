// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { useTrainingStore } from '../../../src-renderer/stores/training-store';
import { FakeStudioApi } from '../fake-studio-api';
import { epoch, progress, runResult, spec } from '../fixtures';

describe('useTrainingStore', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({ 'train.start': () => ({ runId: 'run-1' }), 'train.control': () => ({ ok: true }) });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('follows a run from start to finish through the events main emits', async () => {
    const store = useTrainingStore();
    expect(await store.start(spec())).toBe(true);
    expect(store.state).toBe('running');

    api.emit(
      'train.progress',
      progress('run-1', { epoch: 1, batch: 2, batchLoss: 0.8, message: 'LSTM layers run on fused native kernels' }),
    );
    api.emit('train.progress', progress('run-1', { epoch: 1, batch: 4, batchLoss: 0.6 }));
    expect(store.batchLosses).toEqual([0.8, 0.6]);
    expect(store.fraction).toBeCloseTo((0 + 4 / 4) / 5);

    api.emit('train.epoch', epoch('run-1', 1));
    api.emit('train.epoch', epoch('run-1', 2, { gradientWarning: 'Gradients of lstm_1 are exploding.' }));
    expect(store.history.map((r) => r.epoch)).toEqual([1, 2]);
    api.emit('train.epoch', epoch('run-1', 3));
    expect(store.gradientWarning).toBe('Epoch 2: Gradients of lstm_1 are exploding.');
    expect(store.log.map((l) => l.text)).toContain('LSTM layers run on fused native kernels');
    expect(store.log.some((l) => l.level === 'warning')).toBe(true);

    // The final history is authoritative: it may hold epochs whose events never arrived.
    const finished = runResult({ history: [1, 2, 3, 4].map((n) => epoch('run-1', n)) });
    api.emit('train.finished', finished);
    expect(store.state).toBe('done');
    expect(store.fraction).toBe(1);
    expect(store.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(useRunsStore().current?.runId).toBe('run-1');
    expect(useRunsStore().list.map((r) => r.runId)).toEqual(['run-1']);
  });

  it('moves the progress up to each finished epoch, since progress is throttled and epochs are not', async () => {
    const store = useTrainingStore();
    await store.start(spec());
    api.emit('train.progress', progress('run-1', { epoch: 2, epochs: 15, batch: 3, batchesPerEpoch: 4 }));
    [1, 2, 3, 4].forEach((n) => api.emit('train.epoch', epoch('run-1', n)));
    expect(store.progress).toMatchObject({ epoch: 4, batch: 4 });
    expect(store.fraction).toBeCloseTo(4 / 15);
    // A progress event already past the record stays as it is.
    api.emit('train.progress', progress('run-1', { epoch: 6, epochs: 15, batch: 1, batchesPerEpoch: 4 }));
    api.emit('train.epoch', epoch('run-1', 5));
    expect(store.progress).toMatchObject({ epoch: 6, batch: 1 });
    // Another network's epoch does not move the one training now.
    api.emit(
      'train.progress',
      progress('run-1', { epoch: 1, epochs: 15, batch: 1, batchesPerEpoch: 4, network: { index: 2, count: 3 } }),
    );
    api.emit('train.epoch', epoch('run-1', 9));
    expect(store.progress).toMatchObject({ epoch: 1, batch: 1 });
    api.emit('train.epoch', epoch('run-1', 2, { network: 2 }));
    expect(store.progress).toMatchObject({ epoch: 2, batch: 4 });
  });

  it("keeps an ensemble's other networks apart from the first network's history, live and at the end", async () => {
    const store = useTrainingStore();
    expect(await store.start(spec())).toBe(true);
    api.emit('train.epoch', epoch('run-1', 1));
    api.emit('train.epoch', epoch('run-1', 2));
    api.emit('train.epoch', epoch('run-1', 1, { network: 2 }));
    api.emit('train.epoch', epoch('run-1', 2, { network: 2, valLoss: 0.2 }));
    // Network 2's epoch 2 replaces neither network 1's epoch 2 nor its own first epoch.
    expect(store.history.map((r) => [r.epoch, r.network])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect(store.networkHistory.map((r) => [r.network, r.epoch])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(store.log.map((l) => l.text).some((t) => /^Network 2, epoch 2: loss [\d.]+, validation 0\.2 /.test(t))).toBe(
      true,
    );
    const ensemble = [1, 2, 3].flatMap((k) => [1, 2].map((n) => epoch('run-1', n, { network: k })));
    api.emit('train.finished', runResult({ history: [1, 2].map((n) => epoch('run-1', n)), ensembleHistory: ensemble }));
    expect(store.networkHistory).toHaveLength(6);
    store.reset();
    expect(store.networkHistory).toEqual([]);
  });

  it('ignores events of other runs', async () => {
    const store = useTrainingStore();
    await store.start(spec());
    api.emit('train.epoch', epoch('someone-else', 1));
    api.emit('train.finished', runResult({ runId: 'someone-else' }));
    expect(store.history).toEqual([]);
    expect(store.state).toBe('running');
  });

  it('keeps events that arrive before main answers train.start', async () => {
    let answer: (v: { runId: string }) => void = () => {};
    api.handlers['train.start'] = () => new Promise((resolve) => (answer = resolve));
    const store = useTrainingStore();
    const started = store.start(spec());
    api.emit('train.epoch', epoch('run-1', 1));
    api.emit('train.epoch', epoch('run-0', 7));
    answer({ runId: 'run-1' });
    await started;
    expect(store.history.map((r) => `${r.runId}:${r.epoch}`)).toEqual(['run-1:1']);
  });

  it('pauses, resumes and cancels the run through train.control', async () => {
    const store = useTrainingStore();
    await store.start(spec());
    await store.pause();
    expect(store.state).toBe('paused');
    // A progress event already on its way when the user paused must not undo the pause.
    api.emit('train.progress', progress('run-1', { phase: 'training', batch: 3 }));
    expect(store.state).toBe('paused');
    await store.resume();
    expect(store.state).toBe('running');
    await store.cancel();
    expect(store.state).toBe('cancelling');
    expect(api.callsOf('train.control')).toEqual([
      { runId: 'run-1', action: 'pause' },
      { runId: 'run-1', action: 'resume' },
      { runId: 'run-1', action: 'cancel' },
    ]);
  });

  it('shows why a run failed and why main refused to start one', async () => {
    const store = useTrainingStore();
    await store.start(spec());
    api.emit(
      'train.finished',
      runResult({ status: 'failed', error: 'The loss became NaN: lower the learning rate.', evaluation: null }),
    );
    expect(store.error).toBe('The loss became NaN: lower the learning rate.');

    api.handlers['train.start'] = () => {
      throw new Error('Another run is still training.');
    };
    expect(await store.start(spec())).toBe(false);
    expect(store.error).toBe('Another run is still training.');
    expect(store.state).toBe('idle');
  });

  it('unsubscribes from every training event when disposed', () => {
    const store = useTrainingStore();
    for (const e of ['train.progress', 'train.epoch', 'train.finished'] as const) expect(api.listenerCount(e)).toBe(1);
    store.$dispose();
    for (const e of ['train.progress', 'train.epoch', 'train.finished'] as const) expect(api.listenerCount(e)).toBe(0);
  });
});
