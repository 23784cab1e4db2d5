/**
 * Number, size and duration formatting shared by the views, so the same value always reads the
 * same. Every number the UI shows goes through here (a test keeps `toFixed` out of other files);
 * the rounding to significant digits is main's too (src-main/shared/number-format.ts).
 */
import { toSignificant } from '../../src-main/shared/number-format';

/** A number with about `digits` significant digits; large and tiny values switch to exponent form. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return value.toExponential(Math.max(0, digits - 1));
  return toSignificant(value, digits).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Like formatNumber, with a "+" before positive values (a change, a deviation). */
export function formatSigned(value: number, digits = 3): string {
  const text = formatNumber(value, digits);
  return value > 0 ? `+${text}` : text;
}

/**
 * A score that mostly lies between −1 and 1 (R², F1, AUC, BLEU) with three decimals, so a column
 * of them lines up (0.970, not 0.97); a score far outside (an R² of −1234) as any other number.
 */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) <= 1 ? value.toFixed(3) : formatNumber(value, 4);
}

/** A ratio as percentage points, e.g. 0.052 → "5.2 points". */
export function formatPoints(ratio: number): string {
  return `${formatNumber(Math.abs(ratio) * 100, 2)} points`;
}

/**
 * A cell as a file or a prediction holds it: a number written with more digits than anyone reads
 * (0.123456789012345) is shown to `digits` significant digits; everything else exactly as written,
 * so years, ids and short decimals keep their form.
 */
export function formatCell(text: string, digits = 6): string {
  const trimmed = text.trim();
  if (!/^[-+]?\d*\.\d{7,}(?:[eE][-+]?\d+)?$/.test(trimmed)) return text;
  const value = Number(trimmed);
  return Number.isFinite(value) ? String(toSignificant(value, digits)) : text;
}

/** An integer with thousands separators. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A percentage from a ratio, e.g. 0.1234 → "12.3%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A file size in B, KB, MB or GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A duration such as "42 s", "3 min 5 s" or "1 h 2 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The message of anything thrown, for showing to the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong.';
}

/**
 * An ISO time stamp in the user's local time, "YYYY-MM-DD HH:MM" (with ":SS" when asked), as
 * run lists show when a run started. Invalid input is returned as it came.
 */
export function localDateTime(iso: string, withSeconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${withSeconds ? `:${two(d.getSeconds())}` : ''}`;
  return `${date} ${time}`;
}
