/**
 * A .txt file that is a table (the UCI household power file ships as
 * `household_power_consumption.txt`: `Date;Time;Global_active_power;…`, '?' for missing) is read as
 * a table; prose whose lines hold commas stays a text to learn from.
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { detectDateFormat } from '../../src-main/data/import/datetime';
import { column } from '../../src-main/data/table';
import { numbers, tempFile } from './helpers';

/** Minutes of household readings in the UCI file's own layout, starting 16 December 2006 17:24. */
function householdPower(minutes: number): string {
  const lines = ['Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;Sub_metering_1'];
  const start = Date.UTC(2006, 11, 16, 17, 24);
  for (let i = 0; i < minutes; i++) {
    const t = new Date(start + i * 60_000);
    const date = `${t.getUTCDate()}/${t.getUTCMonth() + 1}/${t.getUTCFullYear()}`;
    const time = t.toISOString().slice(11, 19);
    const power = i === 7 ? '?' : (4 + Math.sin(i / 9)).toFixed(3);
    lines.push(`${date};${time};${power};0.418;234.840;18.400;0.000`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a table saved as .txt', () => {
  it('reads a semicolon table of readings as a table with its time from the date and time columns', async () => {
    const { table, summary } = await loadTable(tempFile(householdPower(300), '.txt'));
    expect(summary.layout).not.toBe('text');
    expect(table.rowCount).toBe(300);
    expect(table.columns.map((c) => c.name)).toContain('Global_active_power');
    const power = numbers(column(table, 'Global_active_power'));
    expect(power[0]).toBeCloseTo(4, 3);
    expect(Number.isNaN(power[7])).toBe(true);
    expect(summary.timeColumn).toBe('Date + Time');
    expect(summary.frequency).toBe('minutely');
  });

  it('keeps prose a text even when its lines hold commas', async () => {
    const prose = Array.from(
      { length: 40 },
      (_, i) => `When the lamp was lit, the keeper wrote, as he did every night, that the sea was calm ${i}.`,
    ).join('\n');
    const { summary } = await loadTable(tempFile(prose, '.txt'));
    expect(summary.layout).toBe('text');
  });
});

describe('dates that read month-first and day-first alike', () => {
  it('keeps month-first for a monthly series on the first of each month, which day-first would crowd into January', () => {
    // Day-first would read 1 to 12 January, steps of a day; the months are the regular reading.
    const months = Array.from({ length: 36 }, (_, i) => `${(i % 12) + 1}/1/${2020 + Math.floor(i / 12)}`);
    expect(detectDateFormat(months, true)?.name).toBe('MM/DD/YYYY');
  });
});
