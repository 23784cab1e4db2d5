/** `recurrent evaluate`: the test metrics of a run beside the naive and seasonal-naive forecasts. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readRunResult } from '../../model-use/index';
import type { GlobalForecastScores, RegressionMetrics } from '../../shared/types';
import { EXIT, type CliIo } from '../io';
import { fmt, usage } from './args';

export async function runEvaluate(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { run: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.run) return usage(io, 'recurrent evaluate needs --run DIR (a folder written by recurrent train).');
  const run = await readRunResult(path.resolve(values.run));
  const ev = run.evaluation;
  if (!ev) {
    io.err(`The run ${run.runId} has no evaluation (it ended as ${run.status}${run.error ? `: ${run.error}` : ''}).`);
    return EXIT.failed;
  }
  if (values.json) {
    io.out(
      JSON.stringify({
        runId: run.runId,
        status: run.status,
        backend: run.backend,
        // The chart series stays out; a global model's per-series scores come beside the aggregate.
        evaluation: { ...ev, series: undefined, global: undefined },
        ...(ev.kind === 'forecast' && ev.global ? { aggregate: ev.global.aggregate, series: ev.global.series } : {}),
      }),
    );
    return EXIT.ok;
  }
  const lines = [`Run ${run.runId} (${run.status}, ${run.backend} backend).`];
  if (ev.kind === 'forecast') {
    const row = (name: string, m: RegressionMetrics) =>
      `  ${name.padEnd(16)} RMSE ${fmt(m.rmse).padStart(10)}  MAE ${fmt(m.mae).padStart(10)}  R² ${m.r2.toFixed(3)}  sMAPE ${fmt(m.smape)}%`;
    lines.push(`Test split, ${ev.target}, ${ev.horizon} step(s) ahead, target ${ev.targetTransform}:`);
    lines.push(row('model', ev.metrics), row('naive', ev.baselines.naive));
    if (ev.baselines.seasonalNaive)
      lines.push(row(`seasonal naive (${ev.seasonalPeriod})`, ev.baselines.seasonalNaive));
    lines.push(ev.verdict ?? 'The model beats the baselines on the test data.');
    if (ev.global) lines.push(...globalLines(ev.global));
  } else if (ev.kind === 'classification') {
    lines.push(
      `Accuracy ${fmt(ev.accuracy)}, macro F1 ${fmt(ev.macroF1)}${ev.auc !== null ? `, AUC ${fmt(ev.auc)}` : ''}.`,
    );
  } else {
    lines.push(`Perplexity ${fmt(ev.perplexity)}.`);
  }
  io.out(lines.join('\n'));
  return EXIT.ok;
}

/** A global model's aggregate and its worst series (highest scaled error) for the text report. */
function globalLines(g: GlobalForecastScores): string[] {
  const worst = [...g.series].sort((a, b) => b.scaledError - a.scaledError).slice(0, 5);
  return [
    `Series (MAE model / naive / seasonal naive, scaled error), the ${worst.length} hardest of ${g.series.length}:`,
    ...worst.map(
      (s) =>
        `  ${s.id.padEnd(16)} ${fmt(s.metrics.mae)} / ${fmt(s.naive.mae)} / ${s.seasonalNaive ? fmt(s.seasonalNaive.mae) : '-'}  ${fmt(s.scaledError)}`,
    ),
  ];
}
