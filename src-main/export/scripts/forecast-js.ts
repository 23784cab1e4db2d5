/**
 * predict.cjs of a forecast bundle: the app's forecast steps with TensorFlow.js for Node
 * (CommonJS, so it runs inside any project). The steps mirror src-main/model-use/model-inputs.ts:
 * derived and scaled inputs, known-future inputs and calendar values read `lead` steps ahead,
 * future time stamps continued on the detected frequency, and the target's baseline as
 * src-main/forecast/target-transform.ts adds it (the seasonal profile placed on the calendar as in
 * src-main/forecast/season-profile.ts, exponential smoothing and ARIMA run over the history as in
 * src-main/forecast/exponential-smoothing.ts and src-main/forecast/arima.ts).
 */
import { ARIMA_JS } from './arima-js';
import { SMOOTHING_JS } from './smoothing-js';
import { FORECAST_RULES, preprocessingCheckJs } from './preprocessing-check';
import { READ_CSV_JS } from './read-csv-js';

export const FORECAST_JS = String.raw`// Forecast with the exported model exactly as Recurrent Studio does.
// Usage: node predict.cjs history.csv [--series ID]   (needs: npm install @tensorflow/tfjs-node)
// A model trained over many series forecasts the series ID (the first when not given) with that
// series' own scaling; rows of other series in history.csv (a long file's id column) are skipped.
// history.csv holds the input columns (same names as in the app), oldest row first, no gaps, up to
// the forecast origin. Rows after the last target value may follow: they give the future values of
// known-future columns (and their time stamps). Prints the forecast as a JSON array.
const fs = require('node:fs');
const path = require('node:path');

${preprocessingCheckJs(FORECAST_RULES)}
const pre = readPreprocessing();

const DAY = 86400000;
const FIXED_STEP = { minutely: 60000, hourly: 3600000, daily: DAY, weekly: 7 * DAY };
const MONTH_STEP = { monthly: 1, quarterly: 3, yearly: 12 };
// Calendar inputs from the UTC date: hour / 23, weekday / 6 (Sunday 0), month / 11, and the
// sine and cosine of the share of its year that has passed (leap years included).
const yearPhase = (d) => {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return (d.getTime() - start) / (Date.UTC(d.getUTCFullYear() + 1, 0, 1) - start);
};
const CALENDAR = {
  hour: (d) => d.getUTCHours() / 23,
  weekday: (d) => d.getUTCDay() / 6,
  month: (d) => d.getUTCMonth() / 11,
  'year-sin': (d) => Math.sin(2 * Math.PI * yearPhase(d)),
  'year-cos': (d) => Math.cos(2 * Math.PI * yearPhase(d)),
};

const TIME = '(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?';
const ISO = new RegExp('^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})' + TIME + '\\s*(Z|z|[+-]\\d{2}:?\\d{2})?$');
const YEAR_QUARTER = /^(\d{4})\s*-?\s*[Qq]([1-4])$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const YEAR = /^\d{4}$/;

/** A time cell as milliseconds since 1970 (UTC): ISO dates and times, year-month, year-quarter, year. */
function parseTime(raw) {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) {
    const ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
    let t = Date.UTC(+m[1], m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0), ms);
    const zone = m[8] && /^([+-])(\d{2}):?(\d{2})$/.exec(m[8]);
    if (zone) t -= (zone[1] === '-' ? -1 : 1) * (zone[2] * 60 + Number(zone[3])) * 60000;
    return t;
  }
  if ((m = YEAR_QUARTER.exec(s))) return Date.UTC(+m[1], (m[2] - 1) * 3, 1);
  if ((m = YEAR_MONTH.exec(s))) return Date.UTC(+m[1], m[2] - 1, 1);
  if (YEAR.test(s)) return Date.UTC(+s, 0, 1);
  throw new Error('Cannot read the time "' + raw + '": write it like 2024-01-31, 2024-01-31 13:00, 2024-01, 2024-Q1 or 2024.');
}

/** The time k steps after t; calendar months for monthly, quarterly and yearly data (a 31st becomes the month's last day). */
function addSteps(frequency, t, k) {
  const months = MONTH_STEP[frequency];
  if (!months) return t + k * FIXED_STEP[frequency];
  const d = new Date(t);
  const target = d.getUTCMonth() + k * months;
  const y = d.getUTCFullYear() + Math.floor(target / 12);
  const m = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The steps time stamps after the last one: on the frequency, or the median spacing of the last stamps. */
function futureTimes(times, frequency, steps) {
  const last = times[times.length - 1];
  if (frequency && (FIXED_STEP[frequency] || MONTH_STEP[frequency])) {
    return Array.from({ length: steps }, (_, k) => addSteps(frequency, last, k + 1));
  }
  const recent = times.slice(Math.max(0, times.length - 21));
  const gaps = recent.slice(1).map((t, i) => t - recent[i]).sort((a, b) => a - b);
  const step = gaps.length ? gaps[Math.floor(gaps.length / 2)] : DAY;
  return Array.from({ length: steps }, (_, k) => last + (k + 1) * step);
}

/** The input column as the app computes it; leading steps without a predecessor are 0. */
function derive(values, kind, period) {
  if (kind === 'level') return values;
  const lag = kind === 'difference' ? 1 : period;
  return values.map((v, i) => (i < lag ? 0 : v - values[i - lag]));
}
const scale = (v, s) => (s.kind === 'none' ? v : (v - s.center) / s.scale);
const unscale = (v, s) => (s.kind === 'none' ? v : v * s.scale + s.center);

// The calendar cycles a seasonal profile follows: phase of a UTC date, cycle length, what one row is.
const PHASE = {
  month: { period: 12, row: 'month', of: (d) => d.getUTCMonth() },
  quarter: { period: 4, row: 'quarter', of: (d) => Math.floor(d.getUTCMonth() / 3) },
  hour: { period: 24, row: 'hour', of: (d) => d.getUTCHours() },
  weekday: { period: 7, row: 'day', of: (d) => d.getUTCDay() },
};

/** target.profile of a seasonal-profile model, checked: a malformed one would shift every forecast silently. */
function seasonProfile() {
  const p = pre.target.profile;
  const bad = (why) => new Error('preprocessing.json is not usable: ' + why + '.');
  if (!p || typeof p !== 'object') throw bad('the seasonal-profile target has no target.profile');
  const cycle = PHASE[p.unit];
  if (!cycle) throw bad('target.profile.unit must be one of ' + Object.keys(PHASE).join(', '));
  if (pre.target.period !== cycle.period) throw bad('a ' + p.unit + ' profile needs target.period ' + cycle.period);
  const finite = (v) => typeof v === 'number' && Number.isFinite(v);
  if (!Array.isArray(p.values) || p.values.length !== cycle.period || !p.values.every(finite)) {
    throw bad('target.profile.values needs ' + cycle.period + ' finite numbers, one per ' + cycle.row);
  }
  if (!finite(p.drift)) throw bad('target.profile.drift must be a finite number');
  if (!Number.isInteger(p.window) || p.window < 1) throw bad('target.profile.window must be a whole number >= 1');
  return p;
}

/**
 * The calendar phase of the first history row. The profile's steps are read from the calendar, so
 * every row must advance the cycle by exactly one step; otherwise the usual pattern would be added
 * to the wrong months (or hours, days).
 */
function seasonOffset(profile, times) {
  const { period, row, of } = PHASE[profile.unit];
  const offset = of(new Date(times[0]));
  for (let i = 1; i < times.length; i++) {
    if (of(new Date(times[i])) !== (offset + i) % period) {
      const when = new Date(times[i]).toISOString().slice(0, 16).replace('T', ' ');
      throw new Error(
        'The model adds the usual ' + profile.unit + ' pattern to its forecasts, so history.csv needs one row per ' +
          row + ' without gaps; row ' + (i + 1) + ' (' + when + ') breaks the cycle.',
      );
    }
  }
  return offset;
}

${SMOOTHING_JS}
${ARIMA_JS}
/** What the network's output for step k (0-based) is added to; offset: calendar phase of history[0] (profile only). */
function baseline(history, k, offset) {
  const t = pre.target;
  const n = history.length;
  if (t.transform === 'level') return 0;
  if (t.transform === 'difference') return history[n - 1];
  if (t.transform === 'exponential-smoothing') return smoothingForecast(history, k);
  if (t.transform === 'arima') return arimaForecast(history, k);
  const p = t.period;
  if (t.transform === 'seasonal-profile') {
    const { values, drift, window } = t.profile;
    // The recent level with the season taken out, carried forward by the drift, plus the season at the step.
    let sum = 0;
    for (let i = n - window; i < n; i++) sum += history[i] - values[(offset + i) % p];
    return sum / window + drift * ((window + 1) / 2 + k) + values[(offset + n + k) % p];
  }
  return history[n + k - (Math.floor(k / p) + 1) * p];
}

const isNumber = (cell) => cell !== undefined && cell.trim() !== '' && Number.isFinite(Number(cell));

/**
 * The model input window [lookback][inputs] from CSV columns (name -> cell texts).
 * Returns the window, the target history (the rows up to its last value) and, for a seasonal
 * profile, the calendar phase of the history's first row (offset; null otherwise).
 */
function buildWindow(cells) {
  const target = cells[pre.target.name];
  if (!target) throw new Error('history.csv has no column "' + pre.target.name + '".');
  let n = target.length;
  while (n > 0 && !isNumber(target[n - 1])) n--;
  if (n < pre.lookback) throw new Error('The forecast needs at least ' + pre.lookback + ' rows of history; found ' + n + '.');
  const period = pre.target.period || 1;
  const history = target.slice(0, n).map(Number);
  let given = null;
  // Time stamps of the rows that have one; need: what the stamps are for, said when the column is missing.
  const rowTimes = (need) => {
    if (!given) {
      const column = pre.timeColumn && cells[pre.timeColumn];
      if (!column) throw new Error(need + ' the time column "' + (pre.timeColumn || 'time') + '" in history.csv.');
      given = column.filter((c) => c.trim() !== '').map(parseTime);
    }
    return given;
  };
  // Time stamps of the rows, continued on the frequency where the file has none.
  const timesUpTo = (end) => {
    const times = rowTimes('Calendar inputs need');
    return times.concat(futureTimes(times, pre.frequency, Math.max(0, end - times.length))).slice(0, end);
  };
  let offset = null;
  if (pre.target.transform === 'exponential-smoothing') smoothingForecast(history, 0);
  if (pre.target.transform === 'arima') arimaForecast(history, 0);
  if (pre.target.transform === 'seasonal-profile') {
    const profile = seasonProfile();
    if (n < profile.window) {
      throw new Error('The seasonal profile needs at least ' + profile.window + ' rows of history; found ' + n + '.');
    }
    const need = 'The model adds the usual ' + profile.unit + ' pattern to its forecasts, so it needs';
    const times = rowTimes(need);
    // Every history row needs its own stamp: stamps continued on the frequency would hide a gap in the cycle.
    if (times.length < n) {
      throw new Error(need + ' a time stamp in every row; ' + times.length + ' of ' + n + ' rows have one.');
    }
    offset = seasonOffset(profile, times.slice(0, n));
  }
  const columns = pre.inputs.map((input) => {
    const lead = input.lead || 0;
    if (input.derived === 'calendar') {
      const get = CALENDAR[input.source];
      if (!get) throw new Error('Unknown calendar input "' + input.source + '".');
      return timesUpTo(n + lead).map((t) => get(new Date(t)));
    }
    const column = cells[input.source];
    if (!column) throw new Error('history.csv has no column "' + input.source + '".');
    // Observed inputs stop at the origin; known-future ones also use the rows after it that hold a value.
    let m = n;
    while (lead > 0 && m < Math.min(column.length, n + lead) && isNumber(column[m])) m++;
    const values = derive(column.slice(0, m).map(Number), input.derived, period);
    // Past the known rows a known-future column holds its last value, as the app does.
    return Array.from({ length: n + lead }, (_, i) => values[Math.min(m - 1, i)]);
  });
  const window = [];
  for (let i = n - pre.lookback; i < n; i++) {
    window.push(pre.inputs.map((input, f) => scale(columns[f][i + (input.lead || 0)], input.scaler)));
  }
  if (window.some((row) => row.some((v) => !Number.isFinite(v)))) {
    throw new Error('The last ' + pre.lookback + ' rows hold empty or non-numeric cells; fill the gaps the way the app did.');
  }
  return { window, history, offset };
}

/** Forecasts pre.horizon steps after the last target value, in the target's units. */
async function forecast(cells) {
  // The history is checked before TensorFlow loads, so a refusal is quick and its message stands alone.
  const { window, history, offset } = buildWindow(cells);
  const tf = require('@tensorflow/tfjs-node');
  const model = await tf.loadLayersModel('file://' + path.join(__dirname, 'model', 'tfjs', 'model.json'));
  const input = tf.tensor3d([window]);
  const output = model.predict(input);
  const out = Array.from(output.dataSync()).slice(0, pre.horizon);
  tf.dispose([input, output]);
  model.dispose();
  // A series the app's validation guard gave its plain forecast (target.plain) ignores the network.
  return out.map((v, k) => (pre.target.plain ? 0 : unscale(v, pre.target.scaler)) + baseline(history, k, offset));
}

${READ_CSV_JS}
/** The value after flag in the command line, or null. */
function argAfter(flag) {
  const at = process.argv.indexOf(flag);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : null;
}

/**
 * Sets pre to series id's own inputs and target (a model over many series keeps them in
 * pre.series; without --series the first) and keeps only that series' rows of a long file.
 */
function forSeries(cells, wanted) {
  const all = pre.series || [];
  if (all.length === 0) {
    if (wanted !== null) throw new Error('This model was trained on one series; it has no series "' + wanted + '" to choose.');
    return cells;
  }
  const id = wanted === null ? all[0].id : wanted;
  const own = all.find((s) => s.id === id);
  if (!own) {
    const shown = all.slice(0, 10).map((s) => '"' + s.id + '"').join(', ');
    throw new Error('The model has no series "' + id + '". Its series are ' + shown + (all.length > 10 ? ' and ' + (all.length - 10) + ' more' : '') + '.');
  }
  pre.inputs = own.inputs;
  pre.target = own.target;
  const idColumn = pre.spec && pre.spec.data && pre.spec.data.idColumn;
  const ids = idColumn ? cells[idColumn] : undefined;
  if (!ids) return cells;
  const rows = [];
  ids.forEach((v, i) => v.trim() === id && rows.push(i));
  if (rows.length === 0) throw new Error('history.csv has no rows of the series "' + id + '" in its column "' + idColumn + '".');
  const out = {};
  for (const [name, column] of Object.entries(cells)) out[name] = rows.map((i) => column[i]);
  return out;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => forecast(forSeries(readCsv(fs.readFileSync(process.argv[2], 'utf8')), argAfter('--series'))))
    .then(
    (f) => console.log(JSON.stringify(f)),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}

module.exports = { forecast, forSeries, buildWindow, baseline, futureTimes, parseTime, readCsv, CALENDAR };
`;
