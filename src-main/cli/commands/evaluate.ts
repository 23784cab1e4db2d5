/** `recurrent evaluate`: the test metrics of a run beside the naive and seasonal-naive forecasts. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { classificationVerdict, majorityBaseline } from '../../experiment/classification-baseline';
import { readRunResult } from '../../model-use/index';
import { requireCompleted } from '../../model-use/run-folder';
import type { RegressionMetrics } from '../../shared/types';
import { wordBaselineOf } from '../../shared/word-baseline';
import { CliError } from '../cli-errors';
import { EXIT, type CliIo } from '../io';
import { fmt, usage } from './args';
import { globalLines } from './global-report';
import { seq2seqLines } from './seq2seq-report';

export async function runEvaluate(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { run: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.run) return usage(io, 'recurrent evaluate needs --run DIR (a folder written by recurrent train).');
  const runDir = path.resolve(values.run);
  const run = await readRunResult(runDir);
  const ev = run.evaluation;
  if (!ev) {
    // Runs that did not finish say why, and how to continue when they left a checkpoint.
    await requireCompleted(runDir, run);
    throw new CliError({ exit: EXIT.failed, code: 'failed', message: `The run ${run.runId} has no evaluation.` });
  }
  if (values.json) {
    io.out(
      JSON.stringify({
        runId: run.runId,
        status: run.status,
        backend: run.backend,
        // The chart series stays out; a global model's per-series scores come beside the aggregate,
        // in place of the top-level scores, which are its first series' alone.
        evaluation:
          ev.kind === 'forecast' && ev.global
            ? { ...ev, series: undefined, global: undefined, metrics: undefined, baselines: undefined }
            : { ...ev, series: undefined, global: undefined },
        ...(ev.kind === 'forecast' && ev.global ? { aggregate: ev.global.aggregate, series: ev.global.series } : {}),
      }),
    );
    return EXIT.ok;
  }
  const lines = [`Run ${run.runId} (${run.status}, ${run.backend} backend).`];
  if (ev.kind === 'forecast' && ev.global) {
    lines.push(`Test split, ${ev.global.aggregate.seriesCount} series, ${ev.horizon} step(s) ahead:`);
    lines.push(ev.verdict ?? '', ...globalLines(ev.global));
  } else if (ev.kind === 'forecast') {
    const row = (name: string, m: RegressionMetrics) =>
      `  ${name.padEnd(16)} RMSE ${fmt(m.rmse).padStart(10)}  MAE ${fmt(m.mae).padStart(10)}  R² ${m.r2.toFixed(3)}  sMAPE ${fmt(m.smape)}%`;
    lines.push(`Test split, ${ev.target}, ${ev.horizon} step(s) ahead, target ${ev.targetTransform}:`);
    lines.push(row('model', ev.metrics), row('naive', ev.baselines.naive));
    if (ev.baselines.seasonalNaive)
      lines.push(row(`seasonal naive (${ev.seasonalPeriod})`, ev.baselines.seasonalNaive));
    if (ev.baselines.longSeasonNaive && ev.longSeason)
      lines.push(row(`${ev.longSeason.label} before`, ev.baselines.longSeasonNaive));
    lines.push(ev.verdict ?? 'The model beats the baselines on the test data.');
  } else if (ev.kind === 'classification') {
    lines.push(
      `Accuracy ${fmt(ev.accuracy)}, macro F1 ${fmt(ev.macroF1)}${ev.auc !== null ? `, AUC ${fmt(ev.auc)}` : ''}.`,
    );
    // Runs from before the baseline was recorded get it from their per-class counts.
    const baseline = ev.majorityBaseline ?? majorityBaseline(ev);
    if (baseline)
      lines.push(`Always answering "${baseline.label}" (the most common class): accuracy ${fmt(baseline.accuracy)}.`);
    lines.push(ev.verdict ?? classificationVerdict(ev) ?? 'The model beats always answering the most common class.');
    if (ev.entities) {
      const n = ev.entities;
      lines.push(
        `Entities (words and type exact): precision ${fmt(n.precision)}, recall ${fmt(n.recall)}, F1 ${fmt(n.f1)} over ${n.support} entities (${n.predicted} marked).`,
      );
    }
    const words = wordBaselineOf(ev);
    if (words) {
      lines.push(
        `${words.name[0].toUpperCase()}${words.name.slice(1)} (${words.how}): accuracy ${fmt(words.accuracy)}.`,
      );
      if (words.verdict) lines.push(words.verdict);
    }
    if (ev.chanceVerdict) lines.push(ev.chanceVerdict);
  } else if (ev.kind === 'sequence-to-sequence') {
    lines.push(...seq2seqLines(ev));
  } else {
    lines.push(`Perplexity ${fmt(ev.perplexity)}.`);
  }
  if (ev.kind !== 'generation' && ev.caution) lines.push(ev.caution);
  if (ev.kind === 'forecast' && ev.mapeNote) lines.push(ev.mapeNote);
  io.out(lines.join('\n'));
  return EXIT.ok;
}
