// @vitest-environment happy-dom
/** The zoom plugin's gestures on a chart's canvas: wheel, drag, Shift-drag, pinch, double-click. */
import { describe, expect, it, vi } from 'vitest';
import { timeZoom } from '../../../src-renderer/charts/zoom';
import { resetZoom, zoomPlugin } from '../../../src-renderer/charts/zoom-plugin';

/** Just enough of a Chart.js chart: a 1000-px-wide plot area over steps 0 to 1000. */
function fakeChart() {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const axis = { min: 0, max: 1000 };
  const chartArea = { left: 0, right: 1000, top: 0, bottom: 100, width: 1000, height: 100 };
  const zoom = timeZoom(0, 1000, '#3461d1');
  const chart = {
    canvas,
    chartArea,
    ctx: canvas.getContext('2d'),
    scales: {
      x: {
        get min() {
          return axis.min;
        },
        get max() {
          return axis.max;
        },
        getValueForPixel: (px: number) => axis.min + ((px - chartArea.left) / 1000) * (axis.max - axis.min),
      },
    },
    options: { scales: { x: axis }, plugins: { zoom } },
    update: vi.fn(() => zoomPlugin.afterUpdate?.(chart as never, {} as never, zoom)),
    draw: vi.fn(),
  };
  zoomPlugin.afterInit?.(chart as never, {} as never, zoom);
  chart.update();
  return { chart, axis, canvas };
}

const wheel = (canvas: HTMLCanvasElement, deltaY: number, clientX: number) => {
  const e = new WheelEvent('wheel', { deltaY, clientX, clientY: 50, cancelable: true });
  // happy-dom's WheelEvent leaves out the mouse position that browsers give it.
  Object.defineProperties(e, { clientX: { value: clientX }, clientY: { value: 50 } });
  canvas.dispatchEvent(e);
  return e;
};
const pointer = (canvas: HTMLCanvasElement, type: string, clientX: number, pointerId = 1, shiftKey = false) =>
  canvas.dispatchEvent(new PointerEvent(type, { clientX, clientY: 50, pointerId, button: 0, shiftKey }));

describe('zoom plugin', () => {
  it('zooms in around the pointer on the wheel, and says it is zoomed', () => {
    const { axis, canvas } = fakeChart();
    expect(canvas.dataset.zoomed).toBe('false');
    const e = wheel(canvas, -100, 250);
    expect(e.defaultPrevented).toBe(true);
    expect(axis.max - axis.min).toBeCloseTo(1000 / 1.1);
    // Step 250 stays a quarter of the way across.
    expect((250 - axis.min) / (axis.max - axis.min)).toBeCloseTo(0.25);
    expect(canvas.dataset.zoomed).toBe('true');
    wheel(canvas, 100, 250);
    expect(axis).toEqual({ min: 0, max: 1000 });
    expect(canvas.dataset.zoomed).toBe('false');
  });

  it('pans with a drag, inside the data', () => {
    const { axis, canvas } = fakeChart();
    axis.min = 100;
    axis.max = 300;
    pointer(canvas, 'pointerdown', 500);
    pointer(canvas, 'pointermove', 400);
    // 100 px of a 1000-px area showing 200 steps: 20 steps later.
    expect(axis).toEqual({ min: 120, max: 320 });
    pointer(canvas, 'pointermove', 1000);
    expect(axis).toEqual({ min: 0, max: 200 });
    pointer(canvas, 'pointerup', 1000);
    pointer(canvas, 'pointermove', 0);
    expect(axis).toEqual({ min: 0, max: 200 });
  });

  it('zooms to a Shift-dragged range, drawing the box while dragging', () => {
    const { chart, axis, canvas } = fakeChart();
    pointer(canvas, 'pointerdown', 600, 1, true);
    pointer(canvas, 'pointermove', 200);
    expect(chart.draw).toHaveBeenCalled();
    expect(axis).toEqual({ min: 0, max: 1000 });
    pointer(canvas, 'pointerup', 200);
    expect(axis).toEqual({ min: 200, max: 600 });
  });

  it('zooms with two pointers moving apart', () => {
    const { axis, canvas } = fakeChart();
    pointer(canvas, 'pointerdown', 400, 1);
    pointer(canvas, 'pointerdown', 600, 2);
    pointer(canvas, 'pointermove', 300, 1);
    pointer(canvas, 'pointermove', 700, 2);
    expect(axis).toEqual({ min: 250, max: 750 });
  });

  it('resets on double-click and through resetZoom', () => {
    const { chart, axis, canvas } = fakeChart();
    wheel(canvas, -100, 500);
    canvas.dispatchEvent(new MouseEvent('dblclick', { clientX: 500, clientY: 50 }));
    expect(axis).toEqual({ min: 0, max: 1000 });
    wheel(canvas, -100, 500);
    resetZoom(chart as never);
    expect(axis).toEqual({ min: 0, max: 1000 });
    expect(canvas.dataset.zoomed).toBe('false');
  });

  it('leaves the page alone outside the plot area, when zoomed all the way out and after the chart is destroyed', () => {
    const { chart, axis, canvas } = fakeChart();
    expect(wheel(canvas, -100, 1200).defaultPrevented).toBe(false);
    expect(wheel(canvas, 100, 500).defaultPrevented).toBe(false);
    zoomPlugin.afterDestroy?.(chart as never, {} as never, chart.options.plugins.zoom);
    wheel(canvas, -100, 500);
    expect(axis).toEqual({ min: 0, max: 1000 });
  });
});
