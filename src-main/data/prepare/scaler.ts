/** Per-column scaling fitted on the training part only; JSON state stored with the model. */
export interface ScalerState {
  kind: 'standard' | 'minmax' | 'none';
  /** standard: x' = (x - center) / scale; minmax: center = min, scale = max - min. */
  center: number;
  scale: number;
}

export function fitScaler(values: ArrayLike<number>, kind: ScalerState['kind'], end = values.length): ScalerState {
  void values;
  void kind;
  void end;
  throw new Error('not implemented');
}

export function applyScaler(s: ScalerState, values: ArrayLike<number>): Float32Array {
  void s;
  void values;
  throw new Error('not implemented');
}

export function invertScaler(s: ScalerState, value: number): number {
  void s;
  return value;
}
