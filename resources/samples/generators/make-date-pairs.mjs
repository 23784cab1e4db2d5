// Writes resources/samples/dates-written-many-ways.csv: dates as people write them (month names,
// abbreviations, weekdays, ordinals, US month/day/year with slashes, European day.month.year with
// dots, compact digits, two-digit years) beside the same date in ISO 8601 (YYYY-MM-DD).
//   node resources/samples/generators/make-date-pairs.mjs
// Seeded, so the file comes out identical on every run. Slashes always mean month first and
// dots day first, as each convention writes them, so every source has exactly one answer.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './seeded.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAIRS = 8000;
// A handful of rows as exports of real sheets have them: a date cell left empty.
const EMPTY_ROWS = 6;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const two = (n) => String(n).padStart(2, '0');
const ordinal = (d) =>
  `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** Every way a date is written here; y, m (1–12), d, w (weekday 0 = Sunday). */
const FORMATS = [
  ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`,
  ({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${y}`,
  ({ y, m, d }) => `${MONTHS[m - 1].slice(0, 3)} ${d}, ${y}`,
  ({ y, m, d }) => `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`,
  ({ y, m, d, w }) => `${DAYS[w]}, ${MONTHS[m - 1]} ${d}, ${y}`,
  ({ y, m, d, w }) => `${DAYS[w].slice(0, 3)} ${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`,
  ({ y, m, d }) => `${two(m)}/${two(d)}/${y}`,
  ({ y, m, d }) => `${m}/${d}/${y}`,
  ({ y, m, d }) => `${two(d)}.${two(m)}.${y}`,
  ({ y, m, d }) => `${d}.${m}.${y}`,
  ({ y, m, d }) => `${y}-${two(m)}-${two(d)}`,
  ({ y, m, d }) => `${y}/${two(m)}/${two(d)}`,
  ({ y, m, d }) => `${y}${two(m)}${two(d)}`,
  ({ y, m, d }) => `${ordinal(d)} of ${MONTHS[m - 1]}, ${y}`,
  ({ y, m, d }) => `${MONTHS[m - 1]} ${ordinal(d)} ${y}`,
  ({ y, m, d }) => `${two(d)}-${MONTHS[m - 1].slice(0, 3)}-${y}`,
  ({ y, m, d }) => `${MONTHS[m - 1].slice(0, 3).toUpperCase()} ${d} '${String(y).slice(2)}`,
  ({ y, m, d }) => `${d} ${MONTHS[m - 1].toLowerCase()} ${y}`,
];

const random = mulberry32(20261204);
// 1950–2049: two-digit years below 50 are 20xx, the rest 19xx, the usual pivot.
const start = Date.UTC(1950, 0, 1);
const span = Date.UTC(2049, 11, 31) - start;
const rows = ['written,iso'];
for (let i = 0; i < PAIRS; i++) {
  const t = new Date(start + Math.floor((random() * span) / 86_400_000) * 86_400_000);
  const date = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), w: t.getUTCDay() };
  const format = FORMATS[Math.floor(random() * FORMATS.length)];
  const written = format(date);
  const iso = `${date.y}-${two(date.m)}-${two(date.d)}`;
  const emptyHere = i % Math.floor(PAIRS / EMPTY_ROWS) === 17;
  rows.push(`"${emptyHere ? '' : written}",${iso}`);
}
writeFileSync(join(dir, 'dates-written-many-ways.csv'), `${rows.join('\n')}\n`);
