/**
 * The arithmetic of zooming a time axis, apart from any chart: zoom around a point, pan,
 * zoom to a chosen range, always inside the data and never narrower than a few steps.
 */

/** A shown x range, in the axis' units (time steps). */
export interface Range {
  min: number;
  max: number;
}

/** Where the axis may go: the data's first and last x, and the narrowest span shown. */
export interface ZoomLimits extends Range {
  minSpan: number;
}

/** How far apart two x values may be and still count as the same. */
function tolerance(limits: ZoomLimits): number {
  return 1e-9 * Math.max(1, limits.max - limits.min);
}

/** The span a range may have under `limits`: at least minSpan (or the whole data), at most the whole data. */
function allowedSpan(span: number, limits: ZoomLimits): number {
  const full = Math.max(0, limits.max - limits.min);
  return Math.min(full, Math.max(Math.min(limits.minSpan, full), span));
}

/**
 * The range moved and sized to fit `limits`: a range wider than the data becomes the data,
 * one narrower than minSpan grows about its centre, one past an end slides back inside.
 */
export function clampRange(range: Range, limits: ZoomLimits): Range {
  const span = allowedSpan(range.max - range.min, limits);
  // Zooming in and out again by the same factor may land a rounding error short of the whole.
  if (span >= limits.max - limits.min - tolerance(limits)) return { min: limits.min, max: limits.max };
  const centre = (range.min + range.max) / 2;
  let min = centre - span / 2;
  min = Math.min(Math.max(min, limits.min), limits.max - span);
  return { min, max: min + span };
}

/**
 * Zooms by `factor` around `at` (an x value that stays where it is on screen): above 1 zooms
 * in (the span shrinks by the factor), below 1 zooms out.
 */
export function zoomAround(range: Range, at: number, factor: number, limits: ZoomLimits): Range {
  if (!(factor > 0) || !Number.isFinite(factor)) return clampRange(range, limits);
  const span = range.max - range.min;
  const next = allowedSpan(span / factor, limits);
  // Where `at` sits in the range (0 = left edge, 1 = right edge) stays the same.
  const share = span > 0 ? Math.min(1, Math.max(0, (at - range.min) / span)) : 0.5;
  const min = at - share * next;
  return clampRange({ min, max: min + next }, limits);
}

/** Moves the range by `delta` x units, keeping its span, stopping at the data's ends. */
export function panBy(range: Range, delta: number, limits: ZoomLimits): Range {
  return clampRange({ min: range.min + delta, max: range.max + delta }, limits);
}

/** The range between two x values in either order (a dragged box), at least minSpan wide. */
export function rangeBetween(a: number, b: number, limits: ZoomLimits): Range {
  return clampRange({ min: Math.min(a, b), max: Math.max(a, b) }, limits);
}

/** Whether the range shows all the data (nothing to reset). */
export function isWholeRange(range: Range, limits: ZoomLimits): boolean {
  return range.min <= limits.min + tolerance(limits) && range.max >= limits.max - tolerance(limits);
}
