/**
 * The training run in progress: started with 'train.start', followed through the
 * 'train.progress', 'train.epoch' and 'train.finished' events, steered with 'train.control'.
 * The event subscriptions live as long as the store and end when its scope is disposed.
 */
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { EventName, EventPayloads } from '../../src-main/shared/contract';
import type { ExperimentSpec } from '../../src-main/shared/spec';
import type { EpochRecord, RunResult, TrainProgress } from '../../src-main/shared/types';
import { useStudioApi } from '../composables/use-studio-api';
import { errorMessage, formatNumber } from '../utils/format';
import { useRunsStore } from './runs-store';

export type TrainingState = 'idle' | 'starting' | 'running' | 'paused' | 'cancelling' | 'done';

export interface LogLine {
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** Batch losses kept for the live sparkline; older points scroll out. */
export const BATCH_LOSS_WINDOW = 400;
const LOG_LIMIT = 1000;

type TrainingEventName = Extract<EventName, 'train.progress' | 'train.epoch' | 'train.finished'>;
type AnyEvent = { [E in TrainingEventName]: { event: E; payload: EventPayloads[E] } }[TrainingEventName];

export const useTrainingStore = defineStore('training', () => {
  const state = ref<TrainingState>('idle');
  const runId = ref<string | null>(null);
  const progress = ref<TrainProgress | null>(null);
  // Histories only grow by replacement, so shallow refs keep per-event work small.
  const history = shallowRef<EpochRecord[]>([]);
  /** An ensemble's networks 2 to N, each epoch with its `network` (the first network's are `history`). */
  const networkHistory = shallowRef<EpochRecord[]>([]);
  const batchLosses = shallowRef<number[]>([]);
  const log = shallowRef<LogLine[]>([]);
  const result = ref<RunResult | null>(null);
  const error = ref<string | null>(null);
  // Events that arrive before 'train.start' has told us the run id.
  let early: AnyEvent[] = [];

  const active = computed(() => state.value === 'starting' || state.value === 'running' || state.value === 'paused');
  /** The newest epoch of the network training now (of the last one, once done). */
  const latestEpoch = computed(() => {
    const others = networkHistory.value;
    const own = history.value;
    const network = progress.value?.network?.index ?? 1;
    const newest = network > 1 ? others.filter((r) => r.network === network).at(-1) : undefined;
    return newest ?? (network > 1 ? null : (own[own.length - 1] ?? null));
  });
  /** The most recent gradient warning, with its epoch, so it stays readable after later epochs. */
  const gradientWarning = computed(() => {
    const record = [...history.value].reverse().find((r) => r.gradientWarning);
    return record ? `Epoch ${record.epoch}: ${record.gradientWarning}` : null;
  });
  /** Fraction of the planned work done, counting batches within the current epoch. */
  const fraction = computed(() => {
    const p = progress.value;
    if (!p || p.epochs <= 0) return state.value === 'done' ? 1 : 0;
    const within = p.batchesPerEpoch > 0 ? p.batch / p.batchesPerEpoch : 0;
    const epochs = Math.max(0, p.epoch - 1 + within) / p.epochs;
    // An ensemble's networks each train `epochs` epochs, one after the other.
    const done = p.network ? (p.network.index - 1 + epochs) / p.network.count : epochs;
    return Math.min(1, state.value === 'done' ? 1 : done);
  });

  function append(line: LogLine): void {
    const next = log.value.length >= LOG_LIMIT ? log.value.slice(-LOG_LIMIT + 1) : log.value.slice();
    next.push(line);
    log.value = next;
  }

  function dispatch(item: AnyEvent): void {
    if (state.value === 'idle' || state.value === 'done') return;
    if (runId.value === null) {
      early.push(item);
      return;
    }
    if (item.payload.runId !== runId.value) return;
    if (item.event === 'train.progress') onProgress(item.payload);
    else if (item.event === 'train.epoch') onEpoch(item.payload);
    else onFinished(item.payload);
  }

  function onProgress(p: TrainProgress): void {
    const previousMessage = progress.value?.message;
    progress.value = p;
    // Only main can report a pause (e.g. from another window); leaving a pause is the user's
    // resume, so a progress event still in flight when they paused does not undo it.
    if (p.phase === 'paused') state.value = 'paused';
    else if (state.value === 'starting') state.value = 'running';
    if (p.phase === 'training' && p.batchLoss !== null && Number.isFinite(p.batchLoss)) {
      const next =
        batchLosses.value.length >= BATCH_LOSS_WINDOW ? batchLosses.value.slice(1) : batchLosses.value.slice();
      next.push(p.batchLoss);
      batchLosses.value = next;
    }
    if (p.message && p.message !== previousMessage) append({ level: 'info', text: p.message });
  }

  function onEpoch(record: EpochRecord): void {
    const same = (r: EpochRecord) => r.epoch === record.epoch && r.network === record.network;
    if (record.network === undefined) history.value = [...history.value.filter((r) => !same(r)), record];
    else networkHistory.value = [...networkHistory.value.filter((r) => !same(r)), record];
    const total = progress.value?.epochs;
    const val = record.valLoss === null ? '' : `, validation ${formatNumber(record.valLoss)}`;
    const which = record.network === undefined ? 'Epoch' : `Network ${record.network}, epoch`;
    append({
      level: 'info',
      text: `${which} ${record.epoch}${total ? `/${total}` : ''}: loss ${formatNumber(record.loss)}${val} (${formatNumber(record.seconds, 2)} s)`,
    });
    if (record.gradientWarning) append({ level: 'warning', text: record.gradientWarning });
    catchUp(record);
  }

  /**
   * Progress is throttled in main and every epoch's record is not: on fast epochs the card and its
   * bar would lag epochs behind the chart and the log. A finished epoch of the network training now
   * moves the progress to that epoch's last batch.
   */
  function catchUp(record: EpochRecord): void {
    const p = progress.value;
    if (!p || p.phase !== 'training' || (record.network ?? 1) !== (p.network?.index ?? 1)) return;
    if (p.epoch > record.epoch || (p.epoch === record.epoch && p.batch >= p.batchesPerEpoch)) return;
    progress.value = { ...p, epoch: record.epoch, batch: p.batchesPerEpoch };
  }

  function onFinished(run: RunResult): void {
    result.value = run;
    if (run.history.length > history.value.length) history.value = run.history;
    if ((run.ensembleHistory?.length ?? 0) > networkHistory.value.length)
      networkHistory.value = run.ensembleHistory ?? [];
    for (const line of run.log) if (!log.value.some((l) => l.text === line)) append({ level: 'info', text: line });
    if (run.status === 'failed') {
      error.value = run.error ?? 'Training failed.';
      append({ level: 'error', text: error.value });
    } else {
      append({ level: 'info', text: run.status === 'completed' ? 'Training finished.' : `Training ${run.status}.` });
    }
    state.value = 'done';
    useRunsStore().adopt(run);
  }

  const unsubscribers = [
    useStudioApi().on('train.progress', (payload) => dispatch({ event: 'train.progress', payload })),
    useStudioApi().on('train.epoch', (payload) => dispatch({ event: 'train.epoch', payload })),
    useStudioApi().on('train.finished', (payload) => dispatch({ event: 'train.finished', payload })),
  ];
  onScopeDispose(() => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  });

  /**
   * Starts a run for `spec` (from the weights of run `continueFrom`, when given); resolves false
   * (with `error` set) when main refuses it.
   */
  async function start(spec: ExperimentSpec, continueFrom?: string): Promise<boolean> {
    if (active.value) return false;
    forget();
    state.value = 'starting';
    const from = continueFrom ? `, continuing from run ${continueFrom}` : '';
    append({
      level: 'info',
      text: `Starting “${spec.name}”: ${spec.model.cell}, ${spec.training.epochs} epochs${from}.`,
    });
    try {
      const payload: unknown = JSON.parse(JSON.stringify(spec));
      const started = await useStudioApi().request(
        'train.start',
        continueFrom ? { spec: payload, continueFrom } : { spec: payload },
      );
      runId.value = started.runId;
      if (state.value === 'starting') state.value = 'running';
      const pending = early;
      early = [];
      for (const item of pending) dispatch(item);
      return true;
    } catch (e) {
      error.value = errorMessage(e);
      append({ level: 'error', text: error.value });
      state.value = 'idle';
      early = [];
      return false;
    }
  }

  async function control(action: 'pause' | 'resume' | 'cancel'): Promise<void> {
    const id = runId.value;
    if (!id) return;
    try {
      await useStudioApi().request('train.control', { runId: id, action });
      if (state.value === 'done') return;
      if (action === 'pause') state.value = 'paused';
      else if (action === 'resume') state.value = 'running';
      else state.value = 'cancelling';
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  /** Forgets a finished run's progress, curves and log (another project opened); a run in progress stays. */
  function reset(): void {
    if (active.value || state.value === 'cancelling') return;
    forget();
  }

  /** Back to no run at all: nothing shown, nothing waiting. */
  function forget(): void {
    state.value = 'idle';
    runId.value = null;
    progress.value = null;
    history.value = [];
    networkHistory.value = [];
    batchLosses.value = [];
    log.value = [];
    result.value = null;
    error.value = null;
    early = [];
  }

  return {
    reset,
    state,
    runId,
    progress,
    history,
    networkHistory,
    batchLosses,
    log,
    result,
    error,
    active,
    latestEpoch,
    gradientWarning,
    fraction,
    start,
    pause: () => control('pause'),
    resume: () => control('resume'),
    cancel: () => control('cancel'),
  };
});
