/** Per-column scaling fitted on the training part only; JSON state stored with the model. */
export interface ScalerState {
  kind: 'standard' | 'minmax' | 'none';
  /** standard: x' = (x - center) / scale; minmax: center = min, scale = max - min. */
  center: number;
  scale: number;
}

/**
 * Fits a scaler on values[0..end) (the training part), ignoring NaN. A constant or empty
 * column gets scale 1, so applying the scaler never divides by zero.
 */
export function fitScaler(values: ArrayLike<number>, kind: ScalerState['kind'], end = values.length): ScalerState {
  const stop = Math.min(end, values.length);
  if (kind === 'none') return { kind, center: 0, scale: 1 };
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < stop; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    n++;
    // Welford's update: stable for large offsets (e.g. values around 1e9 with small spread).
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return { kind, center: 0, scale: 1 };
  if (kind === 'minmax') {
    const range = max - min;
    return { kind, center: min, scale: range > 0 ? range : 1 };
  }
  const std = Math.sqrt(m2 / n);
  return { kind, center: mean, scale: std > 0 && Number.isFinite(std) ? std : 1 };
}

/**
 * A scale-only scaler (center 0, scale = root mean square of values[0..end), NaN ignored): zero
 * keeps meaning zero, so a change from the last value keeps its sign and typical size after
 * scaling. A column of zeros gets scale 1.
 */
export function fitRmsScaler(values: ArrayLike<number>, end = values.length): ScalerState {
  let squares = 0;
  let n = 0;
  for (let i = 0; i < Math.min(end, values.length); i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    squares += v * v;
    n++;
  }
  const rms = Math.sqrt(squares / Math.max(1, n));
  return { kind: 'standard', center: 0, scale: rms > 1e-12 ? rms : 1 };
}

/** Scaled copy of the values as float32 (the dtype the model trains on). */
export function applyScaler(s: ScalerState, values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  const { center, scale } = s;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - center) / scale;
  return out;
}

/** Back to original units. */
export function invertScaler(s: ScalerState, value: number): number {
  return value * s.scale + s.center;
}
