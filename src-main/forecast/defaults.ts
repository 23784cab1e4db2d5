/** Defaults that give a good forecast to a user who changes nothing. */

/** Window length from the seasonal period and the series length (e.g. 2 seasons, capped by length). */
export function defaultLookback(length: number, period: number | null, horizon: number): number {
  void length;
  void period;
  void horizon;
  throw new Error('not implemented');
}
