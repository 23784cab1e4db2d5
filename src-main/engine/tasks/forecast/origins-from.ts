/** The forecast origins from a step on, as a view rather than a copy. */

/**
 * The origins at or after `step`, for origins in ascending order (as splitOrigins makes them): a
 * view of the same memory, where a filtered copy of a long series' millions of origins would not be.
 */
export function fromStep(origins: Int32Array, step: number): Int32Array {
  let lo = 0;
  let hi = origins.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (origins[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  return origins.subarray(lo);
}
