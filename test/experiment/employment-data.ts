/** The data part of a spec for the monthly US employment sample the run tests train on. */
import path from 'node:path';

export const EMPLOYMENT_DATA = {
  file: path.resolve('resources/samples/us-employment-monthly.csv'),
  timeColumn: 'month',
  targetColumns: ['nonfarm'],
  lookback: 12,
};
