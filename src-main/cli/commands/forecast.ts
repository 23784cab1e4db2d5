/** `recurrent forecast`: forecasts beyond the end of a run's data, with prediction intervals. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTf } from '../../tensorflow/load-tf';
import { everySeriesForecastCsv, futureForecastCsv } from '../../model-use/index';
import { EXIT, type CliIo } from '../io';
import { fmt, levelList, usage, wholeNumber } from './args';

export async function runForecast(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      run: { type: 'string' },
      steps: { type: 'string' },
      intervals: { type: 'string' },
      csv: { type: 'string' },
      series: { type: 'string' },
      'all-series': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.run || !values.steps) return usage(io, 'recurrent forecast needs --run DIR and --steps N.');
  const steps = wholeNumber('--steps', values.steps);
  if (typeof steps === 'string') return usage(io, steps);
  const levels = levelList(values.intervals, [0.8, 0.95]);
  if (typeof levels === 'string') return usage(io, levels);

  const { tf } = await loadTf();
  if (values['all-series']) {
    const every = await everySeriesForecastCsv(tf, path.resolve(values.run), { steps: steps ?? 1, levels });
    if (values.csv) await writeFile(values.csv, every.csv);
    if (values.json)
      io.out(JSON.stringify({ series: every.forecasts, csv: values.csv ? path.resolve(values.csv) : null }));
    else
      io.out(
        values.csv ? `Forecasts of ${every.forecasts.length} series written to ${path.resolve(values.csv)}` : every.csv,
      );
    return EXIT.ok;
  }
  const { csv, forecast } = await futureForecastCsv(tf, path.resolve(values.run), {
    steps: steps ?? 1,
    levels,
    series: values.series ?? null,
  });
  if (values.csv) await writeFile(values.csv, csv);
  if (values.json) {
    io.out(JSON.stringify({ ...forecast, csv: values.csv ? path.resolve(values.csv) : null }));
    return EXIT.ok;
  }
  const header = ['time'.padEnd(12), 'forecast'.padStart(12)];
  for (const b of forecast.intervals) header.push(`${Math.round(b.level * 100)}% interval`.padStart(26));
  const lines = [`Forecast of ${forecast.target}, ${steps} step(s) ahead:`, header.join(' ')];
  forecast.time.forEach((t, k) => {
    const row = [t.padEnd(12), fmt(forecast.point[k]).padStart(12)];
    for (const b of forecast.intervals) row.push(`${fmt(b.lower[k])} … ${fmt(b.upper[k])}`.padStart(26));
    lines.push(row.join(' '));
  });
  if (forecast.longRangeNote) lines.push(forecast.longRangeNote);
  lines.push(forecast.intervalMethod);
  if (values.csv) lines.push(`CSV written to ${path.resolve(values.csv)}`);
  io.out(lines.join('\n'));
  return EXIT.ok;
}
