/**
 * Registers only the Chart.js parts the studio draws with, so the bundle leaves the rest
 * out. Called once, lazily, by the first chart created.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';

let registered = false;

/** Idempotent Chart.js registration. */
export function registerCharts(): void {
  if (registered) return;
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    BarController,
    BarElement,
    LinearScale,
    LogarithmicScale,
    CategoryScale,
    Decimation,
    Filler,
    Legend,
    Tooltip,
  );
  registered = true;
}
