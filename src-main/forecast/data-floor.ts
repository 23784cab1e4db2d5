/**
 * Forecasts and bands kept within the range the data allows: a series that has never gone below
 * zero (counts, rainfall, sales, prices) is forecast with no negative point or bound. Only this
 * floor is assumed; an upper limit seen in the data may well be passed in the future.
 */

/** 0 when every known value of the series is ≥ 0, else null (no floor). */
export function dataFloor(values: ArrayLike<number>): number | null {
  let seen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (v < 0) return null;
    seen = true;
  }
  return seen ? 0 : null;
}

/** Copies of the point forecasts and bands raised to `floor`; how many values were raised. */
export function clipToFloor<B extends { lower: number[]; upper: number[] }>(
  point: ArrayLike<number>,
  bands: B[],
  floor: number,
): { point: number[]; bands: B[]; raised: number } {
  let raised = 0;
  const up = (x: number) => {
    if (x < floor) {
      raised++;
      return floor;
    }
    return x;
  };
  return {
    point: Array.from(point, up),
    bands: bands.map((b) => ({ ...b, lower: b.lower.map(up), upper: b.upper.map(up) })),
    raised,
  };
}
