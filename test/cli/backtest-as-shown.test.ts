/**
 * `recurrent backtest` 60 days ahead on a public daily series with a yearly season (Seattle's
 * maximum temperature): past the one-step horizon it prints the forecast as shown beside the
 * network's fed-back forecasts, and --json carries the same scores.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmt } from '../../src-main/cli/commands/args';
import type { CliIo } from '../../src-main/cli/io';
import { runCli } from '../../src-main/cli/main';
import type { BacktestReport } from '../../src-main/shared/types-model-use';
import { quickTraining, trainRun } from '../model-use/train-run';

const SEATTLE = path.resolve('test/quality/data/seattle-weather-daily.csv');
let dir = '';
let runDir = '';

async function cli(...argv: string[]): Promise<string> {
  const stdout: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: () => undefined };
  expect(await runCli(argv, io)).toBe(0);
  return stdout.join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-backtest-'));
  runDir = path.join(dir, 'seattle');
  await trainRun(
    {
      data: { file: SEATTLE, timeColumn: 'date', targetColumns: ['temp_max'], lookback: 14, horizon: 1 },
      model: { cell: 'GRU', layers: [{ units: 16 }] },
      training: quickTraining(4),
    },
    runDir,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent backtest past the model horizon', () => {
  it('prints the forecast as shown beside the fed-back model, scored like it, with its sentence', async () => {
    const r = JSON.parse(
      await cli('backtest', '--run', runDir, '--horizon', '60', '--step', '3', '--json'),
    ) as BacktestReport;
    expect(r.origins.length).toBeGreaterThanOrEqual(30);
    expect(r.blendNote).toMatch(/^Forecast as shown: .*a season of 1 year/);
    expect(r.blended?.perStep).toHaveLength(60);
    // Its own step is the network's; far ahead the blend with the season beats the fed-back network.
    expect(r.blended!.perStep[0]).toEqual(r.model.perStep[0]);
    expect(r.blended!.perStep[59]!.rmse).toBeLessThan(r.model.perStep[59]!.rmse);
    const text = await cli('backtest', '--run', runDir, '--horizon', '60', '--step', '3');
    const lines = text.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^ {2}model \\(fed back\\) +RMSE +${fmt(r.model.overall.rmse)} `));
    expect(lines[2]).toMatch(new RegExp(`^ {2}forecast as shown +RMSE +${fmt(r.blended!.overall.rmse)} `));
    expect(lines.at(-1)).toBe(r.blendNote);
  });
});
