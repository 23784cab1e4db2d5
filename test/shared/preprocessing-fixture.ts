/**
 * A complete, valid preprocessing.json for a small forecast model (6 steps of one column), for
 * tests that need a file every reader accepts and then damage one field of it.
 */
import {
  PREPROCESSING_FORMAT,
  PREPROCESSING_VERSION,
  type PreprocessingFile,
} from '../../src-main/shared/preprocessing';
import { specSchema } from '../../src-main/shared/spec';

export function validPreprocessing(overrides: Partial<PreprocessingFile> = {}): PreprocessingFile {
  const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['y'], lookback: 6 } });
  return {
    format: PREPROCESSING_FORMAT,
    version: PREPROCESSING_VERSION,
    task: 'forecast',
    lookback: 6,
    horizon: 1,
    inputs: [{ name: 'y', source: 'y', derived: 'level', scaler: { kind: 'standard', center: 10, scale: 2 } }],
    target: { name: 'y', transform: 'level', period: null, scaler: { kind: 'standard', center: 10, scale: 2 } },
    timeColumn: null,
    frequency: null,
    text: null,
    classes: null,
    spec,
    ...overrides,
  };
}

/** Damaged copies of a valid file, as the probes and real accidents produce them. */
export const DAMAGED_PREPROCESSING: [string, (p: Record<string, unknown>) => void, RegExp][] = [
  [
    'a target scale of 0',
    (p) => ((p.target as { scaler: { scale: number } }).scaler.scale = 0),
    /target\.scaler\.scale must be greater than 0/,
  ],
  ['a lookback of "abc"', (p) => (p.lookback = 'abc'), /lookback is wrong/],
  [
    'an unknown target transform',
    (p) => ((p.target as { transform: string }).transform = 'cube-root'),
    /target\.transform is wrong/,
  ],
  [
    'an input scale of NaN (null in JSON)',
    (p) => ((p.inputs as { scaler: { scale: unknown } }[])[0].scaler.scale = null),
    /inputs\.0\.scaler\.scale is wrong/,
  ],
  ['a horizon of 0', (p) => (p.horizon = 0), /horizon is wrong/],
  ['a forecast without a target', (p) => (p.target = null), /target is needed by a forecast model/],
  [
    'an unknown derived input',
    (p) => ((p.inputs as { derived: string }[])[0].derived = 'log'),
    /inputs\.0\.derived is wrong/,
  ],
];
