/**
 * Continued training of a global model: every series keeps the scalers and target transform it
 * was trained with, one of its series can be continued alone with its own, and the cases that
 * cannot work are refused in words.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../../../src-main/experiment/run-experiment';
import { TrainControl } from '../../../../src-main/engine/training/train-control';
import type { PreprocessingFile } from '../../../../src-main/shared/preprocessing';
import { parseSpec, type ExperimentSpecInput } from '../../../../src-main/shared/spec';
import type { RunResult } from '../../../../src-main/shared/types';
import { quickTraining, trainRun } from '../../../model-use/train-run';
import { relatedSeries, writeLongCsv } from '../../../quality/related-series';

let dir = '';
let file = '';
let global: RunResult;
const SERIES = relatedSeries(5, 9, 60, 80);

function input(series: ExperimentSpecInput['data']['series']): ExperimentSpecInput {
  return {
    data: { file, timeColumn: 'month', idColumn: 'id', targetColumns: ['value'], lookback: 12, series },
    model: { layers: [{ units: 8 }] },
    training: quickTraining(2),
  };
}

/** Trains `spec` further from the weights in `from` (what 'train.start' with continueFrom does). */
async function continueFrom(from: string, spec: ExperimentSpecInput, name: string): Promise<RunResult> {
  const parsed = parseSpec(spec);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return runExperiment(parsed.spec, {
    runId: name,
    outDir: path.join(dir, name),
    control: new TrainControl(),
    onProgress: () => undefined,
    onEpoch: () => undefined,
    log: () => undefined,
    initialWeightsDir: from,
  });
}

const saved = async (run: RunResult) =>
  JSON.parse(await readFile(path.join(run.modelDir ?? '', 'preprocessing.json'), 'utf8')) as PreprocessingFile;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'global-continue-'));
  file = path.join(dir, 'shops.csv');
  await writeLongCsv(file, SERIES);
  global = await trainRun(input({ scope: 'all' }), path.join(dir, 'global'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('continuing a global model', () => {
  it('trains on again over every series, each with the scalers it was trained with', async () => {
    const next = await continueFrom(global.modelDir ?? '', input({ scope: 'all' }), 'more');
    expect(next.status).toBe('completed');
    expect(next.log.join('\n')).toMatch(/One network is trained over 5 series/);
    const before = await saved(global);
    const after = await saved(next);
    expect(after.series?.map((s) => s.id)).toEqual(SERIES.map((s) => s.id));
    expect(after.series?.map((s) => s.inputs[0].scaler)).toEqual(before.series?.map((s) => s.inputs[0].scaler));
    expect(after.series?.map((s) => s.target.scaler)).toEqual(before.series?.map((s) => s.target.scaler));
  });

  it('continues one of its series alone with that series’ own scalers', async () => {
    const next = await continueFrom(global.modelDir ?? '', input({ scope: 'one', id: 's003' }), 'one');
    expect(next.status).toBe('completed');
    const own = (await saved(global)).series?.find((s) => s.id === 's003');
    expect((await saved(next)).target?.scaler).toEqual(own?.target.scaler);
  });

  it('refuses to continue a model of one series over all series, in words', async () => {
    const one = await trainRun(input({ scope: 'one', id: 's002' }), path.join(dir, 'single'));
    const next = await continueFrom(one.modelDir ?? '', input({ scope: 'all' }), 'refused');
    expect(next.status).toBe('failed');
    expect(next.error).toContain('The model being continued was trained on one series');
  });
});
