/**
 * Calendar inputs for seasons longer than the default window. A daily model's window of two
 * weeks cannot show where in the year it is, an hourly model's two days cannot show the day of
 * the week: without the date, a long forecast of such a series goes flat. The seasons come from
 * the data view (forecast/seasons-summary.ts); monthly and quarterly windows hold whole years.
 */
import type { CalendarFeature } from '../shared/calendar-inputs';
import type { DatasetSummary } from '../shared/types';

/** Per time step: the long season and the calendar inputs that place a step in it. */
const LONG_SEASONS: Record<string, { label: string; inputs: CalendarFeature[] }> = {
  daily: { label: '1 year', inputs: ['year-sin', 'year-cos'] },
  weekly: { label: '1 year', inputs: ['year-sin', 'year-cos'] },
  hourly: { label: '1 week', inputs: ['weekday'] },
};

/** The calendar inputs a suggested forecast of `target` gets; none when its seasons are unknown. */
export function seasonCalendar(summary: DatasetSummary, target: string): CalendarFeature[] {
  const s = summary.seasons;
  const long = summary.frequency ? LONG_SEASONS[summary.frequency] : undefined;
  if (!s || s.column !== target || !long) return [];
  return s.labels.includes(long.label) ? [...long.inputs] : [];
}
