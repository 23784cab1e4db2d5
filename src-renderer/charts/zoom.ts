/**
 * Zoom and pan on time axes (chartjs-plugin-zoom). Charts that want it list `zoomPlugin` in
 * their own `plugins`, so nothing else pays for it: wheel zooms, drag pans, Shift-drag zooms
 * to a range, and the axis never leaves the data.
 */
import zoomPlugin from 'chartjs-plugin-zoom';
import type { ZoomPluginOptions } from 'chartjs-plugin-zoom/types/options';

export { zoomPlugin };

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
      drag: { enabled: true, modifierKey: 'shift', backgroundColor: `${accent}22`, borderColor: accent, borderWidth: 1 },
    },
  };
}
