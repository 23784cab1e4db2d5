/**
 * Zoom and pan options for time axes: wheel zooms around the pointer, drag pans, Shift-drag
 * zooms to a range, two fingers pinch, double-click resets, and the axis never leaves the
 * data. The plugin itself lives in zoom-plugin.ts, imported only by chart components, so
 * configurations stay plain data.
 */
import type { ChartType } from 'chart.js';
import type { ZoomLimits } from './zoom-range';

/** The words shown beside a zoomable chart. */
export const ZOOM_HINT = 'Scroll to zoom, drag to pan, Shift-drag to zoom to a range, double-click to reset.';

/** Options of the zoom plugin, under `options.plugins.zoom`. */
export interface TimeZoomOptions {
  /** The data's x range and the narrowest span shown, in x units (time steps). */
  limits: ZoomLimits;
  /** Colour of the Shift-drag box. */
  accent: string;
  /** How much one wheel notch zooms: 0.1 is 10 %. */
  wheelSpeed: number;
}

declare module 'chart.js' {
  // The name and type parameter must match Chart.js' own declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    zoom?: TimeZoomOptions;
  }
}

/** Zoom options for an x axis over [min, max] (time steps). */
export function timeZoom(min: number, max: number, accent: string): TimeZoomOptions {
  return { limits: { min, max, minSpan: Math.min(5, Math.max(1, max - min)) }, accent, wheelSpeed: 0.1 };
}
