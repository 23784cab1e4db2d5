/**
 * Owns one Chart.js instance for a canvas: creates it when the canvas mounts, updates it
 * without animation when its data changes (live training stays smooth) and destroys it on
 * unmount. Where no 2D context exists (tests in a DOM without canvas) it draws nothing.
 */
import { Chart, type ChartConfiguration, type ChartType } from 'chart.js';
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { registerCharts } from './register';
import { chartThemeVersion } from './theme';

/**
 * @param canvas the template ref of the canvas
 * @param build returns the full configuration from the current state
 * @param source what to watch; when it changes the chart's data and options are replaced
 */
export function useChart<T extends ChartType>(
  canvas: Ref<HTMLCanvasElement | null>,
  build: () => ChartConfiguration<T>,
  source: WatchSource | WatchSource[],
): { chart: Readonly<Ref<Chart<T> | null>> } {
  const chart = shallowRef<Chart<T> | null>(null);

  onMounted(() => {
    const el = canvas.value;
    if (!el) return;
    let context: CanvasRenderingContext2D | null = null;
    try {
      context = el.getContext('2d');
    } catch {
      context = null;
    }
    if (!context) return;
    registerCharts();
    chart.value = new Chart(context, build()) as unknown as Chart<T>;
  });

  // A theme change rebuilds the configuration too, since colours are read when it is built.
  const sources = [...(Array.isArray(source) ? source : [source]), chartThemeVersion];
  watch(sources, () => {
    const instance = chart.value;
    if (!instance) return;
    const next = build();
    instance.data = next.data;
    if (next.options) instance.options = next.options as typeof instance.options;
    instance.update('none');
  });

  onBeforeUnmount(() => {
    chart.value?.destroy();
    chart.value = null;
  });

  return { chart };
}
