/**
 * What users do with a trained run in Results: forecast into the future, backtest, explain,
 * try a text, tag a sentence, generate text, predict a new file. Each tool keeps its own answer, loading
 * flag and error, tied to the run it was asked for, so switching runs never shows stale answers.
 */
import { defineStore } from 'pinia';
import { markRaw, reactive, ref } from 'vue';
import type { RequestArgs } from '../../src-main/shared/contract';
import type {
  BacktestReport,
  ClassProbabilities,
  Explanation,
  FutureForecast,
  GeneratedText,
  TaggedText,
} from '../../src-main/shared/types-model-use';
import type { PredictedFile } from '../../src-main/shared/host-files';
import { useStudioApi } from '../composables/use-studio-api';
import { downloadText } from '../utils/download';
import { errorMessage } from '../utils/format';

/** One tool's answer for one run. */
export interface ToolState<T> {
  value: T | null;
  loading: boolean;
  error: string | null;
  /** Run whose answer `value` holds. */
  runId: string | null;
}

function toolState<T>(): ToolState<T> {
  return reactive({ value: null, loading: false, error: null, runId: null }) as ToolState<T>;
}

/** The tool's answer when it belongs to `runId`, else null. */
export function answerFor<T>(tool: ToolState<T>, runId: string): T | null {
  return tool.runId === runId ? tool.value : null;
}

/** Runs a tool for a run; a task answering null (the user cancelled a chooser) keeps the earlier answer. */
async function perform<T extends object>(
  tool: ToolState<T>,
  runId: string,
  task: () => Promise<T | null>,
): Promise<boolean> {
  if (tool.runId !== runId) tool.value = null;
  tool.runId = runId;
  tool.loading = true;
  tool.error = null;
  try {
    // Answers are replaced wholesale, never edited: no need for deep reactivity over long series.
    const value = await task();
    if (value === null) return false;
    // The user may have opened another run while this answer was on its way.
    if (tool.runId === runId) tool.value = markRaw(value);
    return true;
  } catch (e) {
    if (tool.runId === runId) tool.error = errorMessage(e);
    return false;
  } finally {
    if (tool.runId === runId) tool.loading = false;
  }
}

export type BacktestOptions = Omit<RequestArgs<'backtest.run'>, 'runId'>;

/**
 * What a forecast tool's answer belongs to: the run, and for a global model the series picked
 * (so picking another series never shows the previous series' forecast).
 */
export function seriesKey(runId: string, series: string | null | undefined): string {
  return series ? `${runId}\u0000${series}` : runId;
}

export const useInsightStore = defineStore('insight', () => {
  const future = toolState<FutureForecast>();
  const backtest = toolState<BacktestReport>();
  const explanation = toolState<Explanation>();
  const textPrediction = toolState<ClassProbabilities>();
  const tagging = toolState<TaggedText>();
  const generated = toolState<GeneratedText>();
  const batch = toolState<PredictedFile>();
  const csvFile = ref<string | null>(null);

  const api = () => useStudioApi();

  function forecastFuture(
    runId: string,
    steps: number,
    levels: number[],
    series: string | null = null,
  ): Promise<boolean> {
    return perform(future, seriesKey(runId, series), () =>
      api().request('forecast.future', { runId, steps, levels, ...(series ? { series } : {}) }),
    );
  }

  /** Fetches the future forecast as CSV and hands it to the browser as a download. */
  async function downloadFutureCsv(
    runId: string,
    steps: number,
    levels: number[],
    series: string | null = null,
  ): Promise<boolean> {
    future.error = null;
    try {
      const { fileName, csv } = await api().request('forecast.futureCsv', {
        runId,
        steps,
        levels,
        ...(series ? { series } : {}),
      });
      downloadText(fileName, csv);
      csvFile.value = fileName;
      return true;
    } catch (e) {
      future.error = errorMessage(e);
      return false;
    }
  }

  function runBacktest(runId: string, options: BacktestOptions): Promise<boolean> {
    return perform(backtest, seriesKey(runId, options.series), () =>
      api().request('backtest.run', { runId, ...options }),
    );
  }

  function explain(runId: string): Promise<boolean> {
    return perform(explanation, runId, () => api().request('explain.run', { runId }));
  }

  function predictText(runId: string, text: string): Promise<boolean> {
    return perform(textPrediction, runId, () => api().request('predict.text', { runId, text }));
  }

  /** Tags the words of a typed text with a word tagger. */
  function tagText(runId: string, text: string): Promise<boolean> {
    return perform(tagging, runId, () => api().request('tag.text', { runId, text }));
  }

  function generate(runId: string, seed: string, length: number, temperature: number): Promise<boolean> {
    return perform(generated, runId, () => api().request('generate.text', { runId, seed, length, temperature }));
  }

  /**
   * Lets the user choose a new data file (a dialog on the desktop, an upload in the browser,
   * whose predictions then download) and predicts it; a cancelled choice keeps the last answer.
   */
  function predictFile(runId: string): Promise<boolean> {
    return perform(batch, runId, () => api().predictFile(runId));
  }

  /** Classifies a folder of recordings (one CSV per sequence) with a sequence classifier. */
  function predictFolder(runId: string): Promise<boolean> {
    return perform(batch, runId, () => api().predictFolder(runId));
  }

  return {
    future,
    backtest,
    explanation,
    textPrediction,
    tagging,
    generated,
    batch,
    csvFile,
    forecastFuture,
    downloadFutureCsv,
    runBacktest,
    explain,
    predictText,
    tagText,
    generate,
    predictFile,
    predictFolder,
  };
});
