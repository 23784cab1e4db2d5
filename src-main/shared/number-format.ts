/** `value` rounded to `digits` significant digits: the rounding every number shown to people goes through. */
export function toSignificant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

/** A number to three significant digits without trailing zeros, for log lines and reasons. */
export function threeDigits(value: number): string {
  return toSignificant(value, 3).toString();
}
