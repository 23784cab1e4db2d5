/**
 * The public series in test/quality/data/ (provenance in its README) and which part of the
 * split each belongs to. The split was written down before any default was tuned against these
 * files and must not move: a series that moves to tuning after it was seen is no longer held out.
 */
import path from 'node:path';
import type { QualityCase } from './run-case';

const DATA = path.resolve(import.meta.dirname, 'data');

/**
 * Tuning series added later (extract-tuning-extra.py): short histories, level shifts and slow
 * trends, chosen by their shape before any model was trained on them. None of them comes from a
 * held-out file.
 */
function extraTuning(): QualityCase[] {
  const quarterly = (name: string, file: string, target: string): QualityCase => ({
    name,
    part: 'tuning',
    file,
    target,
  });
  return [
    quarterly('danish real money (quarterly, short)', 'danish-money-quarterly.csv', 'log_real_money'),
    quarterly('german bond rate (quarterly)', 'german-rates-quarterly.csv', 'rate'),
    quarterly('german inflation (quarterly, noisy)', 'german-rates-quarterly.csv', 'inflation'),
    quarterly('us treasury bill rate (quarterly, shifts)', 'us-rates-investment-quarterly.csv', 'tbill_rate'),
    quarterly('us real investment (quarterly, recessions)', 'us-rates-investment-quarterly.csv', 'real_investment'),
    ...['Japan', 'Brazil', 'Ireland'].map((id) => ({
      name: `fertility rate, ${id.toLowerCase()} (yearly, short)`,
      part: 'tuning' as const,
      file: 'fertility-yearly.csv',
      target: 'fertility',
      id,
    })),
  ];
}

/** Series the defaults may be tuned on, beside the app's samples and the synthetic series. */
const TUNING: QualityCase[] = [
  { name: 'mauna loa co2 (monthly, long)', part: 'tuning', file: 'co2-monthly.csv', target: 'co2' },
  { name: 'sunspots (yearly, 11-year cycle)', part: 'tuning', file: 'sunspots-yearly.csv', target: 'sunspots' },
  { name: 'us unemployment rate (quarterly)', part: 'tuning', file: 'us-macro-quarterly.csv', target: 'unemployment' },
  ...extraTuning(),
];

/** Never tuned on: they stand for the files of a new user. */
const HELD_OUT: QualityCase[] = [
  {
    name: 'airline passengers (monthly, multiplicative)',
    part: 'held-out',
    file: 'airline-passengers-monthly.csv',
    target: 'passengers',
  },
  {
    name: 'electrical equipment turnover (monthly)',
    part: 'held-out',
    file: 'elec-equip-monthly.csv',
    target: 'turnover',
  },
  ...['Agriculture', 'Finance', 'Manufacturing'].map((id) => ({
    name: `unemployed in ${id.toLowerCase()} (monthly, short, 2008 shift)`,
    part: 'held-out' as const,
    file: 'unemployment-industries-monthly.csv',
    target: 'unemployed',
    id,
  })),
  { name: 'us consumer prices (quarterly, trend)', part: 'held-out', file: 'us-macro-quarterly.csv', target: 'cpi' },
  {
    name: 'global temperature anomaly (yearly)',
    part: 'held-out',
    file: 'global-temperature-yearly.csv',
    target: 'anomaly',
  },
  {
    name: 'seattle daily maximum temperature',
    part: 'held-out',
    file: 'seattle-weather-daily.csv',
    target: 'temp_max',
  },
  {
    name: 'seattle daily precipitation (non-negative)',
    part: 'held-out',
    file: 'seattle-weather-daily.csv',
    target: 'precipitation',
  },
];

/** The public series of both parts, with their files resolved. */
export function publicCases(): QualityCase[] {
  return [...TUNING, ...HELD_OUT].map((c) => ({ ...c, file: path.join(DATA, c.file) }));
}
