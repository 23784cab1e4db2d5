/** A number to three significant digits without trailing zeros, for log lines and reasons. */
export function threeDigits(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
