import { describe, expect, it } from 'vitest';
import {
  barsConfig,
  countValues,
  lengthBands,
  numberBands,
  sequencesOf,
  seriesOverviewConfig,
} from '../../../src-renderer/charts/data-overview-chart-config';
import type { ChartTheme } from '../../../src-renderer/charts/theme';

const theme: ChartTheme = {
  text: '#000',
  muted: '#666',
  grid: '#eee',
  series: ['#3461d1'],
  actual: '#444',
  validationRegion: 'rgba(0,0,0,0.1)',
  testRegion: 'rgba(0,0,0,0.1)',
};

describe('data overview charts', () => {
  it('counts labels, most common first', () => {
    expect(countValues(['happy', 'unhappy', 'happy', 'happy'])).toEqual([
      { label: 'happy', value: 3 },
      { label: 'unhappy', value: 1 },
    ]);
  });

  it('bands texts by their number of words, every text in one band', () => {
    const texts = ['one', 'one two', 'one two three', 'a b c d e f g h i j k l'];
    const bands = lengthBands(texts, 4);
    expect(bands.reduce((sum, b) => sum + b.value, 0)).toBe(texts.length);
    expect(bands[0]).toEqual({ label: '1–3', value: 3 });
    expect(bands.at(-1)).toEqual({ label: '10–12', value: 1 });
    expect(lengthBands([])).toEqual([]);
  });

  it('finds the sequences of a long table: one per id, its label from its first labelled row, its steps', () => {
    const ids = ['a', 'a', 'b', 'a', 'c', 'b', '', 'c', 'c'];
    const labels = ['', 'wave', 'swipe', 'wave', 'wave', 'swipe', 'x', 'wave', 'wave'];
    expect(sequencesOf(ids, labels)).toEqual([
      { label: 'wave', steps: 3 },
      { label: 'swipe', steps: 2 },
      { label: 'wave', steps: 3 },
    ]);
    const bands = numberBands([19, 43, 60, 129], 4);
    expect(bands.reduce((sum, b) => sum + b.value, 0)).toBe(4);
    expect(bands[0]).toEqual({ label: '19–46', value: 2 });
    expect(bands.at(-1)).toEqual({ label: '103–130', value: 1 });
  });

  it('draws the series over its position and the bars from zero', () => {
    // Three sampled points of a 101-row file sit at rows 1, 51 and 101.
    const line = seriesOverviewConfig('temperature', [3, 4, 5], 101, theme);
    expect(line.data.datasets[0]!.data).toEqual([
      { x: 1, y: 3 },
      { x: 51, y: 4 },
      { x: 101, y: 5 },
    ]);
    expect(line.options?.scales?.x).toMatchObject({ min: 1, max: 101 });
    // An outline names its rows.
    const outlined = seriesOverviewConfig('temperature', { at: [1, 7, 90], values: [3, 9, 1] }, 100, theme);
    expect(outlined.data.datasets[0]!.data).toEqual([
      { x: 1, y: 3 },
      { x: 7, y: 9 },
      { x: 90, y: 1 },
    ]);
    expect(outlined.options?.scales?.x).toMatchObject({ min: 1, max: 100 });
    const bars = barsConfig([{ label: 'happy', value: 3 }], { x: 'Label', y: 'Texts' }, theme);
    expect(bars.data.labels).toEqual(['happy']);
    expect(bars.options?.scales?.y).toMatchObject({ beginAtZero: true });
  });
});
