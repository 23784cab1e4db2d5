/**
 * The series of the quality suite: the real public samples shipped with the app, and synthetic
 * series with known structure written to temporary CSVs with a monthly date column.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicCases } from './public-cases';
import type { QualityCase } from './run-case';
import { levelShifts, pureSeason, randomWalkSeries, trendSeason, writeMonthlyCsv } from './synthetic-series';
import type { SyntheticSeries } from './synthetic-series';

const SAMPLES = path.resolve(import.meta.dirname, '../../resources/samples');
/** Synthetic series length: 40 years of months, so the test part (15%) holds 72 steps. */
const SYNTHETIC_LENGTH = 480;

/**
 * elnino-monthly-wide.csv has one row per year and JAN..DEC columns. The importer unfolds it into
 * the same monthly series (calendar-wide.ts) with its value named 'value'; the suite keeps its own
 * copy, row by row and month by month, whose target is named 'sst' as in every earlier report.
 */
export async function meltWideMonthly(file: string, out: string): Promise<void> {
  const [header, ...rows] = (await readFile(file, 'utf8')).trim().split(/\r?\n/);
  const months = header.split(',').slice(1);
  const lines = ['month,sst'];
  for (const row of rows) {
    const [year, ...cells] = row.split(',');
    cells.forEach((cell, m) => {
      if (cell.trim() === '' || m >= months.length) return;
      lines.push(`${year.replace(/"/g, '')}-${String(m + 1).padStart(2, '0')}-01,${cell}`);
    });
  }
  await writeFile(out, `${lines.join('\n')}\n`);
}

async function syntheticCase(dir: string, s: SyntheticSeries): Promise<QualityCase> {
  const file = path.join(dir, `${s.name.replace(/[^a-z0-9]+/gi, '-')}.csv`);
  await writeMonthlyCsv(file, s.values);
  return {
    name: s.name,
    part: 'tuning',
    file,
    target: 'value',
    oracle: s.oracle,
    sigma: s.sigma,
    naiveIsOptimal: s.naiveIsOptimal,
  };
}

/** A fresh temporary folder for the suite's files; the caller removes it. */
export function caseFolder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'recurrent-quality-'));
}

/**
 * Every series of the full suite; melted and synthetic series are written into `dir`. The app's
 * samples and the synthetic series are the tuning part; `publicCases` adds the rest of the split.
 */
export async function allCases(dir: string): Promise<QualityCase[]> {
  const elnino = path.join(dir, 'elnino-monthly.csv');
  await meltWideMonthly(path.join(SAMPLES, 'elnino-monthly-wide.csv'), elnino);
  const employment = path.join(SAMPLES, 'us-employment-monthly.csv');
  const iowa = path.join(SAMPLES, 'iowa-electricity-long.csv');
  return [
    { name: 'nile volume (yearly)', part: 'tuning', file: path.join(SAMPLES, 'nile-yearly.csv'), target: 'volume' },
    { name: 'us employment nonfarm', part: 'tuning', file: employment, target: 'nonfarm' },
    { name: 'us employment construction', part: 'tuning', file: employment, target: 'construction' },
    {
      name: 'us employment leisure & hospitality',
      part: 'tuning',
      file: employment,
      target: 'leisure_and_hospitality',
    },
    { name: 'el niño sst (melted monthly)', part: 'tuning', file: elnino, target: 'sst' },
    ...['Fossil Fuels', 'Nuclear Energy', 'Renewables'].map((id) => ({
      name: `iowa electricity ${id.toLowerCase()}`,
      part: 'tuning' as const,
      file: iowa,
      target: 'net_generation',
      id,
    })),
    ...(await Promise.all(
      [
        trendSeason(SYNTHETIC_LENGTH),
        randomWalkSeries(SYNTHETIC_LENGTH),
        pureSeason(SYNTHETIC_LENGTH),
        levelShifts(SYNTHETIC_LENGTH),
      ].map((s) => syntheticCase(dir, s)),
    )),
    ...publicCases(),
  ];
}
