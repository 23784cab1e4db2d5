/** The text report of a many-series model's test scores, shared by `recurrent train` and `recurrent evaluate`. */
import type { GlobalForecastScores, SeriesScore } from '../../shared/types';
import { fmt } from './args';

/** A global model's aggregate and its worst series (highest scaled error) for the text report. */
export function globalLines(g: GlobalForecastScores): string[] {
  const worst = [...g.series].sort((a, b) => b.scaledError - a.scaledError).slice(0, 5);
  // The same time a long season before, where any series' training part showed one.
  const long = g.series.find((s) => s.longSeasonNaive && s.longSeason)?.longSeason ?? null;
  const longName = long ? ` / same time ${long.label} before` : '';
  const longCell = (s: SeriesScore) =>
    long ? ` / ${s.longSeasonNaive && s.longSeason ? fmt(s.longSeasonNaive.mae) : '-'}` : '';
  return [
    `Series (MAE model / naive / seasonal naive${longName}, scaled error), the ${worst.length} hardest of ${g.series.length}:`,
    ...worst.map(
      (s) =>
        `  ${s.id.padEnd(16)} ${fmt(s.metrics.mae)} / ${fmt(s.naive.mae)} / ${s.seasonalNaive ? fmt(s.seasonalNaive.mae) : '-'}${longCell(s)}  ${fmt(s.scaledError)}${s.plainForecast ? ` (forecasts ${s.plainForecast})` : ''}`,
    ),
  ];
}
