/**
 * A Chart.js plugin that shades x-ranges behind the data, e.g. the validation and test parts
 * of a series, with a small caption at the top of each region.
 */
import type { Chart, Plugin } from 'chart.js';

export interface ShadedRegion {
  /** x values in the chart's x-scale units. */
  from: number;
  to: number;
  color: string;
  label: string;
}

export interface RegionShadingOptions {
  regions: ShadedRegion[];
  labelColor?: string;
}

/** Plugin id; pass options under `options.plugins.regionShading`. */
export const REGION_SHADING_ID = 'regionShading';

export const regionShading: Plugin<'line', RegionShadingOptions> = {
  id: REGION_SHADING_ID,
  beforeDatasetsDraw(chart: Chart<'line'>, _args, options: RegionShadingOptions) {
    const regions = options?.regions ?? [];
    if (regions.length === 0) return;
    const { ctx, chartArea, scales } = chart;
    const x = scales.x;
    if (!x) return;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    for (const region of regions) {
      const left = Math.max(chartArea.left, x.getPixelForValue(region.from));
      const right = Math.min(chartArea.right, x.getPixelForValue(region.to));
      if (right <= left) continue;
      ctx.fillStyle = region.color;
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      ctx.fillStyle = options.labelColor ?? '#6b7280';
      ctx.fillText(region.label, left + 6, chartArea.top + 4);
    }
    ctx.restore();
  },
};
