/** The zoom arithmetic: around a point, pan, box, and always inside the data. */
import { describe, expect, it } from 'vitest';
import {
  clampRange,
  isWholeRange,
  panBy,
  rangeBetween,
  zoomAround,
  type ZoomLimits,
} from '../../../src-renderer/charts/zoom-range';

const limits: ZoomLimits = { min: 0, max: 1000, minSpan: 5 };
const whole = { min: 0, max: 1000 };

describe('zoomAround', () => {
  it('halves the span around the pointer, the pointed x staying where it was on screen', () => {
    const r = zoomAround(whole, 250, 2, limits);
    expect(r).toEqual({ min: 125, max: 625 });
    // 250 was a quarter of the way across before and is after.
    expect((250 - r.min) / (r.max - r.min)).toBeCloseTo(0.25);
  });

  it('zooms out again, never beyond the data', () => {
    const r = zoomAround({ min: 100, max: 200 }, 150, 0.5, limits);
    expect(r).toEqual({ min: 50, max: 250 });
    expect(zoomAround({ min: 900, max: 1000 }, 990, 0.01, limits)).toEqual(whole);
  });

  it('stops at the narrowest span', () => {
    const r = zoomAround({ min: 10, max: 20 }, 15, 100, limits);
    expect(r.max - r.min).toBe(5);
    expect(r).toEqual({ min: 12.5, max: 17.5 });
  });

  it('keeps a zoom near an end inside the data', () => {
    const r = zoomAround(whole, 0, 4, limits);
    expect(r).toEqual({ min: 0, max: 250 });
  });

  it('ignores a factor that is not a positive number', () => {
    expect(zoomAround({ min: 10, max: 60 }, 20, Number.NaN, limits)).toEqual({ min: 10, max: 60 });
    expect(zoomAround({ min: 10, max: 60 }, 20, -2, limits)).toEqual({ min: 10, max: 60 });
  });
});

describe('panBy', () => {
  it('moves the range and keeps its span', () => {
    expect(panBy({ min: 100, max: 200 }, 50, limits)).toEqual({ min: 150, max: 250 });
  });

  it('stops at either end of the data', () => {
    expect(panBy({ min: 100, max: 200 }, -500, limits)).toEqual({ min: 0, max: 100 });
    expect(panBy({ min: 100, max: 200 }, 5000, limits)).toEqual({ min: 900, max: 1000 });
  });
});

describe('rangeBetween and clampRange', () => {
  it('zooms to a dragged box in either direction', () => {
    expect(rangeBetween(700, 300, limits)).toEqual({ min: 300, max: 700 });
  });

  it('widens a box narrower than the narrowest span about its centre', () => {
    expect(rangeBetween(500, 501, limits)).toEqual({ min: 498, max: 503 });
  });

  it('shows all of a series shorter than the narrowest span', () => {
    expect(clampRange({ min: 1, max: 1.5 }, { min: 0, max: 3, minSpan: 5 })).toEqual({ min: 0, max: 3 });
  });

  it('tells the whole range from a zoomed one', () => {
    expect(isWholeRange(whole, limits)).toBe(true);
    expect(isWholeRange({ min: 0, max: 999 }, limits)).toBe(false);
  });
});
