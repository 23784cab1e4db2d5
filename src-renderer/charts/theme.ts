/** Chart colours taken from the app's CSS variables, so charts follow the light / dark theme. */
import { ref } from 'vue';

/** Grows each time the theme changes, so open charts rebuild with the new colours. */
export const chartThemeVersion = ref(0);

/** Tells open charts that the theme's colours changed. */
export function bumpChartTheme(): void {
  chartThemeVersion.value += 1;
}

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  series: string[];
  actual: string;
  validationRegion: string;
  testRegion: string;
}

function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The current theme's chart colours. */
export function chartTheme(): ChartTheme {
  return {
    text: cssVar('--text', '#1f2430'),
    muted: cssVar('--text-muted', '#6b7280'),
    grid: cssVar('--chart-grid', 'rgba(127,127,127,0.18)'),
    series: [
      cssVar('--series-1', '#3867d6'),
      cssVar('--series-2', '#e67e22'),
      cssVar('--series-3', '#20a07a'),
      cssVar('--series-4', '#a55eea'),
      cssVar('--series-5', '#d63864'),
      cssVar('--series-6', '#7f8c8d'),
    ],
    actual: cssVar('--series-actual', '#4b5563'),
    validationRegion: cssVar('--region-validation', 'rgba(230,126,34,0.09)'),
    testRegion: cssVar('--region-test', 'rgba(56,103,214,0.10)'),
  };
}
