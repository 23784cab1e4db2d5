/**
 * What users do with a trained run in Results: forecast into the future, backtest, explain,
 * try a text, generate text, predict a new file. Each tool keeps its own answer, loading
 * flag and error, tied to the run it was asked for, so switching runs never shows stale answers.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { RequestArgs } from '../../src-main/shared/contract';
import type {
  BacktestReport,
  BatchPrediction,
  ClassProbabilities,
  Explanation,
  FutureForecast,
  GeneratedText,
} from '../../src-main/shared/types-insight';
import { useStudioApi } from '../composables/use-studio-api';
import { downloadText } from '../utils/download';
import { errorMessage } from '../utils/format';
import { tryDialog } from '../utils/host-dialog';

/** One tool's answer for one run. */
export interface ToolState<T> {
  value: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** Run whose answer `value` holds. */
  runId: Ref<string | null>;
}

function toolState<T>(): ToolState<T> {
  return { value: shallowRef<T | null>(null), loading: ref(false), error: ref(null), runId: ref(null) };
}

async function perform<T>(tool: ToolState<T>, runId: string, task: () => Promise<T>): Promise<boolean> {
  if (tool.runId.value !== runId) tool.value.value = null;
  tool.runId.value = runId;
  tool.loading.value = true;
  tool.error.value = null;
  try {
    const value = await task();
    // The user may have opened another run while this answer was on its way.
    if (tool.runId.value === runId) tool.value.value = value;
    return true;
  } catch (e) {
    if (tool.runId.value === runId) tool.error.value = errorMessage(e);
    return false;
  } finally {
    if (tool.runId.value === runId) tool.loading.value = false;
  }
}

export type BacktestOptions = Omit<RequestArgs<'backtest.run'>, 'runId'>;

export const useInsightStore = defineStore('insight', () => {
  const future = toolState<FutureForecast>();
  const backtest = toolState<BacktestReport>();
  const explanation = toolState<Explanation>();
  const textPrediction = toolState<ClassProbabilities>();
  const generated = toolState<GeneratedText>();
  const batch = toolState<BatchPrediction>();
  const csvFile = ref<string | null>(null);
  /** The path of a new data file, typed where the host has no file dialog. */
  const askBatchPath = ref(false);

  const api = () => useStudioApi();

  function forecastFuture(runId: string, steps: number, levels: number[]): Promise<boolean> {
    return perform(future, runId, () => api().request('forecast.future', { runId, steps, levels }));
  }

  /** Fetches the future forecast as CSV and hands it to the browser as a download. */
  async function downloadFutureCsv(runId: string, steps: number, levels: number[]): Promise<boolean> {
    future.error.value = null;
    try {
      const { fileName, csv } = await api().request('forecast.futureCsv', { runId, steps, levels });
      downloadText(fileName, csv);
      csvFile.value = fileName;
      return true;
    } catch (e) {
      future.error.value = errorMessage(e);
      return false;
    }
  }

  function runBacktest(runId: string, options: BacktestOptions): Promise<boolean> {
    return perform(backtest, runId, () => api().request('backtest.run', { runId, ...options }));
  }

  function explain(runId: string): Promise<boolean> {
    return perform(explanation, runId, () => api().request('explain.run', { runId }));
  }

  function predictText(runId: string, text: string): Promise<boolean> {
    return perform(textPrediction, runId, () => api().request('predict.text', { runId, text }));
  }

  function generate(runId: string, seed: string, length: number, temperature: number): Promise<boolean> {
    return perform(generated, runId, () => api().request('generate.text', { runId, seed, length, temperature }));
  }

  /** Predicts a file by path, or asks the host to choose one (a typed path where it cannot). */
  async function predictFile(runId: string, path?: string): Promise<boolean> {
    let target = path;
    if (!target) {
      batch.error.value = null;
      try {
        const outcome = await tryDialog(() => api().request('dialog.openDataFile', undefined));
        if (outcome.kind === 'cancelled') return false;
        if (outcome.kind === 'unavailable') {
          askBatchPath.value = true;
          return false;
        }
        target = outcome.path;
      } catch (e) {
        batch.error.value = errorMessage(e);
        return false;
      }
    }
    const file = target;
    return perform(batch, runId, () => api().request('predict.file', { runId, path: file }));
  }

  return {
    future,
    backtest,
    explanation,
    textPrediction,
    generated,
    batch,
    csvFile,
    askBatchPath,
    forecastFuture,
    downloadFutureCsv,
    runBacktest,
    explain,
    predictText,
    generate,
    predictFile,
  };
});
