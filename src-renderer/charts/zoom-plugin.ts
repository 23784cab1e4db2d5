/**
 * Our own zoom for time charts (replacing chartjs-plugin-zoom and its unmaintained hammerjs):
 * wheel zoom around the pointer, drag to pan, Shift-drag box zoom, two-pointer pinch and
 * double-click to reset, on pointer events. Charts that want it list `zoomPlugin` in their own
 * `plugins`; its options (zoom.ts) sit under `options.plugins.zoom`. The arithmetic is in
 * zoom-range.ts. The canvas carries `data-zoomed` ("true" while zoomed in), for tests and styling.
 */
import type { Chart, ChartType, Plugin } from 'chart.js';
import type { TimeZoomOptions } from './zoom';
import { isWholeRange, panBy, rangeBetween, zoomAround, type Range } from './zoom-range';

type AnyChart = Chart<ChartType>;

/** A gesture under way: pan or box from one pointer, pinch from two. */
type Gesture =
  | { kind: 'pan'; fromPx: number; range: Range }
  | { kind: 'box'; fromPx: number; toPx: number }
  | { kind: 'pinch'; distance: number; at: number; range: Range };

interface ZoomState {
  /** Pointers down on the chart: id → x in canvas pixels. */
  pointers: Map<number, number>;
  gesture: Gesture | null;
  detach(): void;
}

/** A Shift-drag shorter than this many pixels is a click, not a range. */
const MIN_BOX_PX = 4;

const states = new WeakMap<AnyChart, ZoomState>();

function optionsOf(chart: AnyChart): TimeZoomOptions | undefined {
  const options = chart.options.plugins?.zoom;
  // Chart.js types options as deep-partial; a chart built with timeZoom() has them all.
  return options?.limits ? (options as TimeZoomOptions) : undefined;
}

/** The x range the chart shows now. */
function shownRange(chart: AnyChart): Range {
  const x = chart.scales.x;
  return { min: x?.min ?? 0, max: x?.max ?? 0 };
}

/** Shows `range` (all the data when null) without animation. */
function show(chart: AnyChart, range: Range | null): void {
  const options = optionsOf(chart);
  const axis = chart.options.scales?.x;
  if (!options || !axis) return;
  const next = range ?? options.limits;
  axis.min = next.min;
  axis.max = next.max;
  chart.update('none');
}

/** Shows all the data again. Charts without the zoom plugin are left as they are. */
export function resetZoom<T extends ChartType>(chart: Chart<T> | null | undefined): void {
  if (chart) show(chart as unknown as AnyChart, null);
}

/** The pointer's position in the canvas' CSS pixels, the units of Chart.js' chart area. */
function pointOf(chart: AnyChart, e: MouseEvent): { x: number; y: number } {
  const box = chart.canvas.getBoundingClientRect();
  return { x: e.clientX - box.left, y: e.clientY - box.top };
}

function insideArea(chart: AnyChart, p: { x: number; y: number }): boolean {
  const a = chart.chartArea;
  return Boolean(a) && p.x >= a.left && p.x <= a.right && p.y >= a.top && p.y <= a.bottom;
}

function valueAt(chart: AnyChart, px: number): number {
  return chart.scales.x?.getValueForPixel(px) ?? 0;
}

/** Listens on the chart's canvas; returns the state with a way to stop listening. */
function attach(chart: AnyChart): ZoomState {
  const canvas = chart.canvas;
  const state: ZoomState = { pointers: new Map(), gesture: null, detach: () => undefined };

  const onWheel = (e: WheelEvent): void => {
    const options = optionsOf(chart);
    const p = pointOf(chart, e);
    if (!options || e.deltaY === 0 || !insideArea(chart, p)) return;
    // Nothing to zoom out of: the wheel scrolls the page as usual.
    if (e.deltaY > 0 && isWholeRange(shownRange(chart), options.limits)) return;
    e.preventDefault();
    const step = 1 + options.wheelSpeed;
    show(chart, zoomAround(shownRange(chart), valueAt(chart, p.x), e.deltaY < 0 ? step : 1 / step, options.limits));
  };

  const startPinch = (): void => {
    const [a = 0, b = 0] = [...state.pointers.values()];
    state.gesture = {
      kind: 'pinch',
      distance: Math.abs(a - b),
      at: valueAt(chart, (a + b) / 2),
      range: shownRange(chart),
    };
  };

  const onDown = (e: PointerEvent): void => {
    const p = pointOf(chart, e);
    if (e.button !== 0 || !optionsOf(chart) || !insideArea(chart, p)) return;
    state.pointers.set(e.pointerId, p.x);
    canvas.setPointerCapture?.(e.pointerId);
    if (state.pointers.size === 2) startPinch();
    else if (state.pointers.size === 1) {
      state.gesture = e.shiftKey
        ? { kind: 'box', fromPx: p.x, toPx: p.x }
        : { kind: 'pan', fromPx: p.x, range: shownRange(chart) };
    }
  };

  const onMove = (e: PointerEvent): void => {
    const options = optionsOf(chart);
    const g = state.gesture;
    if (!options || !g || !state.pointers.has(e.pointerId)) return;
    const x = pointOf(chart, e).x;
    state.pointers.set(e.pointerId, x);
    if (g.kind === 'pan') {
      const width = Math.max(1, chart.chartArea.right - chart.chartArea.left);
      show(chart, panBy(g.range, ((g.fromPx - x) * (g.range.max - g.range.min)) / width, options.limits));
    } else if (g.kind === 'box') {
      g.toPx = x;
      chart.draw();
    } else if (state.pointers.size === 2 && g.distance > 0) {
      const [a = 0, b = 0] = [...state.pointers.values()];
      show(chart, zoomAround(g.range, g.at, Math.abs(a - b) / g.distance, options.limits));
    }
  };

  const onUp = (e: PointerEvent): void => {
    if (!state.pointers.delete(e.pointerId)) return;
    const g = state.gesture;
    const options = optionsOf(chart);
    state.gesture = null;
    if (g?.kind === 'box' && options) {
      if (Math.abs(g.toPx - g.fromPx) >= MIN_BOX_PX) {
        show(chart, rangeBetween(valueAt(chart, g.fromPx), valueAt(chart, g.toPx), options.limits));
      } else chart.draw();
    }
  };

  const onDoubleClick = (e: MouseEvent): void => {
    if (insideArea(chart, pointOf(chart, e))) resetZoom(chart);
  };

  const listeners: [string, EventListener, AddEventListenerOptions?][] = [
    ['wheel', onWheel as EventListener, { passive: false }],
    ['pointerdown', onDown as EventListener],
    ['pointermove', onMove as EventListener],
    ['pointerup', onUp as EventListener],
    ['pointercancel', onUp as EventListener],
    ['dblclick', onDoubleClick as EventListener],
  ];
  for (const [type, fn, opts] of listeners) canvas.addEventListener(type, fn, opts);
  // One finger pans the chart sideways and two pinch it; vertical swipes still scroll the page.
  canvas.style.touchAction = 'pan-y';
  state.detach = () => {
    for (const [type, fn] of listeners) canvas.removeEventListener(type, fn);
  };
  return state;
}

/** Plugin id; pass options under `options.plugins.zoom` (see timeZoom in zoom.ts). */
export const ZOOM_ID = 'zoom';

export const zoomPlugin: Plugin<'line', TimeZoomOptions> = {
  id: ZOOM_ID,
  afterInit(chart) {
    states.set(chart as unknown as AnyChart, attach(chart as unknown as AnyChart));
  },
  afterUpdate(chart, _args, options) {
    // A chart rebuilt with new data shows all of it again; the flag follows what is shown.
    const zoomed = options?.limits ? !isWholeRange(shownRange(chart as unknown as AnyChart), options.limits) : false;
    chart.canvas.dataset.zoomed = String(zoomed);
  },
  afterDatasetsDraw(chart, _args, options) {
    const g = states.get(chart as unknown as AnyChart)?.gesture;
    if (g?.kind !== 'box') return;
    const { ctx, chartArea } = chart;
    const left = Math.max(chartArea.left, Math.min(g.fromPx, g.toPx));
    const right = Math.min(chartArea.right, Math.max(g.fromPx, g.toPx));
    ctx.save();
    ctx.fillStyle = `${options.accent}22`;
    ctx.strokeStyle = options.accent;
    ctx.lineWidth = 1;
    ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
    ctx.strokeRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
    ctx.restore();
  },
  afterDestroy(chart) {
    const key = chart as unknown as AnyChart;
    states.get(key)?.detach();
    states.delete(key);
  },
};
