/** `recurrent backtest`: rolling-origin evaluation of a run's model beside the classical baselines. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTf } from '../../tensorflow/load-tf';
import { runBacktest } from '../../model-use/index';
import type { BacktestReport, BacktestScoresJson } from '../../shared/types-model-use';
import { EXIT, type CliIo } from '../io';
import { fmt, usage, wholeNumber } from './args';

export async function runBacktestCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      run: { type: 'string' },
      start: { type: 'string' },
      step: { type: 'string' },
      horizon: { type: 'string' },
      'retrain-every': { type: 'string' },
      series: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.run) return usage(io, 'recurrent backtest needs --run DIR (a folder written by recurrent train).');
  const numbers: Record<string, number | undefined> = {};
  for (const [flag, raw] of [
    ['start', values.start],
    ['step', values.step],
    ['horizon', values.horizon],
    ['retrain-every', values['retrain-every']],
  ] as const) {
    const n = wholeNumber(`--${flag}`, raw);
    if (typeof n === 'string') return usage(io, n);
    numbers[flag] = n;
  }
  const { tf } = await loadTf();
  const report = await runBacktest(
    tf,
    path.resolve(values.run),
    {
      start: numbers.start ?? null,
      step: numbers.step ?? 1,
      horizon: numbers.horizon ?? null,
      retrainEvery: numbers['retrain-every'] ?? null,
      series: values.series ?? null,
    },
    (line) => io.err(line),
  );
  if (values.json) {
    io.out(JSON.stringify(report));
    return EXIT.ok;
  }
  io.out(backtestText(report));
  return EXIT.ok;
}

/** The backtest as text: one row per forecaster, then the verdict and what the blended row is. */
export function backtestText(report: BacktestReport): string {
  const row = (name: string, s: BacktestScoresJson) =>
    `  ${name.padEnd(18)} RMSE ${fmt(s.overall.rmse).padStart(10)}  MAE ${fmt(s.overall.mae).padStart(10)}  sMAPE ${fmt(s.overall.smape)}%`;
  const lines = [
    `Backtest of ${report.target}: ${report.origins.length} origins from step ${report.origins[0] + 1}, ${report.horizon} step(s) ahead` +
      (report.retrainEvery ? `, retrained every ${report.retrainEvery} folds` : '') +
      ':',
    row(report.blendNote ? 'model (fed back)' : 'model', report.model),
  ];
  if (report.blended) lines.push(row('forecast as shown', report.blended));
  lines.push(row('naive', report.baselines.naive));
  if (report.baselines.seasonalNaive) lines.push(row('seasonal naive', report.baselines.seasonalNaive));
  lines.push(row('moving average', report.baselines.movingAverage));
  if (report.baselines.longSeasonNaive && report.longSeason)
    lines.push(row(`${report.longSeason.label} before`, report.baselines.longSeasonNaive));
  lines.push(report.verdict ?? 'The model beats the reference baseline.');
  if (report.blendNote) lines.push(report.blendNote);
  return lines.join('\n');
}
