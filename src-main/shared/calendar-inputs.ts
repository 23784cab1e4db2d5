/**
 * Calendar inputs of a forecast model, computed from a UTC time stamp. Training, the app's
 * forecasts and the exported scripts (export/scripts/forecast-js.ts, forecast-steps-py.ts) use
 * the same rules; a change here must be made there too. hour / 23, weekday / 6 (Sunday 0) and
 * month / 11 lie in 0..1. The year's sine and cosine place a day on the yearly cycle
 * (the elapsed share of its UTC year, leap years included), so a network can follow a yearly
 * season from a window of a few weeks, and on any future date.
 */
export const CALENDAR_FEATURES = ['hour', 'weekday', 'month', 'year-sin', 'year-cos'] as const;
export type CalendarFeature = (typeof CALENDAR_FEATURES)[number];

/** Share of its UTC year that has passed at time stamp `time` (0 at New Year). */
export function yearPhase(time: number): number {
  const year = new Date(time).getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  return (time - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** Each calendar input's value at a time stamp (milliseconds, UTC). */
export const CALENDAR_VALUE: Record<CalendarFeature, (time: number) => number> = {
  hour: (t) => new Date(t).getUTCHours() / 23,
  weekday: (t) => new Date(t).getUTCDay() / 6,
  month: (t) => new Date(t).getUTCMonth() / 11,
  'year-sin': (t) => Math.sin(2 * Math.PI * yearPhase(t)),
  'year-cos': (t) => Math.cos(2 * Math.PI * yearPhase(t)),
};

/** The calendar input's rule by name, or undefined for a name this version does not know. */
export function calendarValue(name: string): ((time: number) => number) | undefined {
  return (CALENDAR_FEATURES as readonly string[]).includes(name) ? CALENDAR_VALUE[name as CalendarFeature] : undefined;
}
