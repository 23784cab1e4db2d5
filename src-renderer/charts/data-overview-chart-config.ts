/**
 * Charts of a file before any training: the series to forecast (from the importer's evenly
 * sampled points), or for texts the count per label and the spread of text lengths.
 */
import type { ChartConfiguration } from 'chart.js';
import { baseLineOptions } from './loss-chart-config';
import type { ChartTheme } from './theme';

function isOutline(
  points: readonly number[] | { at: readonly number[]; values: readonly number[] },
): points is { at: readonly number[]; values: readonly number[] } {
  return !Array.isArray(points);
}

/**
 * One numeric column as a line over the file's rows: its outline (values at the given 1-based rows),
 * or values evenly spaced over `rows` rows (a summary without an outline).
 */
export function seriesOverviewConfig(
  name: string,
  points: readonly number[] | { at: readonly number[]; values: readonly number[] },
  rows: number,
  theme: ChartTheme,
): ChartConfiguration<'line'> {
  const color = theme.series[0] ?? '#3461d1';
  const outline = isOutline(points) ? points : null;
  const values = outline ? outline.values : (points as readonly number[]);
  const last = Math.max(rows, outline ? (outline.at.at(-1) ?? 1) : values.length);
  const step = values.length > 1 ? (last - 1) / (values.length - 1) : 1;
  const xOf = (i: number) => (outline ? outline.at[i] : Math.round(i * step) + 1);
  const options = baseLineOptions(theme, { xTitle: 'Row', yTitle: name });
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: name,
          data: values.map((y, i) => ({ x: xOf(i), y })),
          borderColor: color,
          backgroundColor: color,
          pointRadius: 0,
          borderWidth: 1.5,
        },
      ],
    },
    options: {
      ...options,
      plugins: { ...options?.plugins, legend: { display: false } },
      scales: { ...options?.scales, x: { ...options?.scales?.x, min: 1, max: last } },
    },
  };
}

/** Bars with a category axis: label counts, or texts per length band. */
export function barsConfig(
  bars: readonly { label: string; value: number }[],
  axes: { x: string; y: string },
  theme: ChartTheme,
): ChartConfiguration<'bar'> {
  const color = theme.series[0] ?? '#3461d1';
  const axis = (title: string) => ({
    title: { display: true, text: title, color: theme.muted },
    ticks: { color: theme.muted },
    grid: { color: theme.grid },
  });
  return {
    type: 'bar',
    data: {
      labels: bars.map((b) => b.label),
      datasets: [{ label: axes.y, data: bars.map((b) => b.value), backgroundColor: color }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      // Counts are whole numbers: no 0.5 ticks on a short axis.
      scales: {
        x: axis(axes.x),
        y: { ...axis(axes.y), beginAtZero: true, ticks: { color: theme.muted, precision: 0 } },
      },
    },
  };
}

/** Counts of each distinct value, most common first. */
export function countValues(values: readonly string[]): { label: string; value: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

/** Texts per band of word counts: about `bands` equal bands from the shortest to the longest text. */
export function lengthBands(texts: readonly string[], bands = 10): { label: string; value: number }[] {
  return numberBands(
    texts.map((t) => t.split(/\s+/).filter(Boolean).length),
    bands,
  );
}

/**
 * The sequences of a long table (rows of one id form one sequence): each one's label (that of its
 * first labelled row) and its number of steps, in order of first appearance.
 */
export function sequencesOf(ids: readonly string[], labels: readonly string[]): { label: string; steps: number }[] {
  const byId = new Map<string, { label: string; steps: number }>();
  ids.forEach((id, i) => {
    if (id === '') return;
    const seen = byId.get(id);
    if (seen) {
      seen.steps++;
      if (seen.label === '') seen.label = labels[i] ?? '';
    } else byId.set(id, { label: labels[i] ?? '', steps: 1 });
  });
  return [...byId.values()];
}

/** Counts per band of whole numbers: about `bands` equal bands from the smallest to the largest. */
export function numberBands(lengths: readonly number[], bands = 10): { label: string; value: number }[] {
  if (lengths.length === 0) return [];
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  const width = Math.max(1, Math.ceil((max - min + 1) / bands));
  const out: { label: string; value: number }[] = [];
  for (let from = min; from <= max; from += width) {
    const to = from + width - 1;
    out.push({
      label: from === to ? `${from}` : `${from}–${to}`,
      value: lengths.filter((n) => n >= from && n <= to).length,
    });
  }
  return out;
}
