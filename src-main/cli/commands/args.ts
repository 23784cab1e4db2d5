/** Argument helpers shared by the commands that use a trained run (forecast, backtest, predict…). */
import { EXIT, type CliIo } from '../io';

/** A parsed whole number ≥ `min`, or a message for the user. */
export function wholeNumber(flag: string, raw: string | undefined, min = 1): number | string | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) return `${flag} must be a whole number of at least ${min}, not "${raw}".`;
  return n;
}

/** Interval levels from "0.8,0.95" (or percentages "80,95"), or a message for the user. */
export function levelList(raw: string | undefined, fallback: number[]): number[] | string {
  if (raw === undefined) return fallback;
  if (raw.trim() === '' || raw === 'none') return [];
  const levels = raw.split(',').map((part) => {
    const n = Number(part.trim());
    // "80,95" means percent; anything else must already be a fraction.
    return n >= 50 && n < 100 ? n / 100 : n;
  });
  const bad = levels.find((l) => !(l > 0 && l < 1));
  if (bad !== undefined) return `--intervals takes levels between 0 and 1, like 0.8,0.95 (got "${raw}").`;
  return levels;
}

/** Prints a usage problem and returns the usage exit code. */
export function usage(io: CliIo, message: string): number {
  io.err(message);
  return EXIT.usage;
}

/** Numbers for people: 4 significant digits, whole numbers for large values. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : String(Number(x.toPrecision(4)));
}
