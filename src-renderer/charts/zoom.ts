/**
 * Zoom and pan options for time axes (chartjs-plugin-zoom): wheel zooms, drag pans, Shift-drag
 * zooms to a range, and the axis never leaves the data. The plugin itself lives in
 * zoom-plugin.ts, imported only by chart components, so configurations stay plain data.
 */
import type { ZoomPluginOptions } from 'chartjs-plugin-zoom/types/options';

/** The words shown beside a zoomable chart. */
export const ZOOM_HINT = 'Scroll to zoom, drag to pan, Shift-drag to zoom to a range.';

/** Zoom options for an x axis over [min, max] (series index units). */
export function timeZoom(min: number, max: number, accent: string): ZoomPluginOptions {
  return {
    limits: { x: { min, max, minRange: Math.min(5, Math.max(1, max - min)) } },
    pan: { enabled: true, mode: 'x' },
    zoom: {
      mode: 'x',
      wheel: { enabled: true, speed: 0.1 },
      pinch: { enabled: true },
      drag: {
        enabled: true,
        modifierKey: 'shift',
        backgroundColor: `${accent}22`,
        borderColor: accent,
        borderWidth: 1,
      },
    },
  };
}
