/** 'spec.validate' counts windows on the open data and 'train.start' refuses starved settings. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestResult } from '../../src-main/shared/contract';
import { StudioService } from '../../src-main/services/studio-service';
import { ScriptedLauncher, fakeDeps, value, yearlyCsv } from './fixtures';

let dataDir: string;
let launcher: ScriptedLauncher;
let service: StudioService;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spec-checks-'));
  launcher = new ScriptedLauncher();
  service = new StudioService({ dataDir, host: 'browser', version: '1' }, fakeDeps(launcher));
});
afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

async function uploaded(rows: number): Promise<string> {
  const contentBase64 = Buffer.from(yearlyCsv(rows)).toString('base64');
  return value<{ path: string }>(await service.handle('data.upload', { fileName: 'flow.csv', contentBase64 })).path;
}

const spec = (file: string, lookback: number) => ({
  data: { file, timeColumn: 'year', targetColumns: ['flow'], lookback },
});

describe('spec.validate', () => {
  it('returns the windows per split of the open data, with a caution for a small test set', async () => {
    const file = await uploaded(100);
    const result = value<RequestResult<'spec.validate'>>(
      await service.handle('spec.validate', { spec: spec(file, 10) }),
    );
    expect(result.ok).toBe(true);
    expect(result.windows).toEqual({ train: 60, validation: 15, test: 15, unit: 'windows', rows: 100 });
    expect(result.cautions?.[0]).toMatch(/only 15 test windows/);
  });

  it('is not ok when the window leaves too few training windows, and says what to change', async () => {
    const file = await uploaded(100);
    const result = value<RequestResult<'spec.validate'>>(
      await service.handle('spec.validate', { spec: spec(file, 60) }),
    );
    expect(result.ok).toBe(false);
    expect(result.windows?.train).toBe(10);
    expect(result.problems[0]).toMatchObject({ path: 'data.lookback', field: 'Window (lookback)' });
    expect(result.problems[0].message).toMatch(/at most 40 steps/);
  });

  it('checks only the spec when its data is not open', async () => {
    const result = value<RequestResult<'spec.validate'>>(
      await service.handle('spec.validate', { spec: spec(join(dataDir, 'elsewhere.csv'), 60) }),
    );
    expect(result).toEqual({ ok: true, problems: [], windows: null, cautions: [] });
  });
});

describe('train.start', () => {
  it('refuses settings the checks refuse, before any run starts', async () => {
    const file = await uploaded(100);
    const envelope = await service.handle('train.start', { spec: spec(file, 60) });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-spec');
    expect(envelope.error.message).toMatch(/leaves 10 training windows/);
    expect(envelope.error.message).not.toContain('data.lookback');
    expect(launcher.launched).toHaveLength(0);
  });
});
