import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSearch } from '../../src-main/cli/commands/search';
import { runCli } from '../../src-main/cli/main';
import type { SearchState } from '../../src-main/shared/types-project';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

/** A grid search over the units of a tiny Nile forecast, written to DIR/out. */
async function nileSearch(dir: string, extra: Record<string, unknown>, units: number[], args: string[] = []) {
  const spec = {
    data: {
      file: resolve('resources/samples/nile-yearly.csv'),
      timeColumn: 'year',
      targetColumns: ['volume'],
      lookback: 8,
    },
    model: { layers: [{ units: 4 }] },
    ...extra,
  };
  const plan = {
    mode: 'grid',
    maxRuns: units.length,
    seed: 1,
    dimensions: [{ path: 'model.layers.0.units', values: units }],
  };
  await writeFile(join(dir, 'spec.json'), JSON.stringify(spec));
  await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
  const c = captureIo();
  const code = await runSearch(
    ['--spec', join(dir, 'spec.json'), '--plan', join(dir, 'plan.json'), '--out', join(dir, 'out'), ...args],
    c.io,
  );
  return { code, c };
}

describe('recurrent search', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rs-search-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('explains missing arguments and invalid plans with the usage exit code', async () => {
    const a = captureIo();
    // Through the command line's entry, which prints each error once and picks the exit code.
    expect(await runCli(['search', '--spec', 'x.json'], a.io)).toBe(2);
    expect(a.err.join()).toMatch(/--plan PLAN.json/);

    await writeFile(join(dir, 'spec.json'), JSON.stringify({ data: { file: '/x.csv', targetColumns: ['v'] } }));
    await writeFile(join(dir, 'plan.json'), JSON.stringify({ mode: 'sideways', dimensions: [], maxRuns: 0 }));
    const b = captureIo();
    expect(
      await runCli(['search', '--spec', join(dir, 'spec.json'), '--plan', join(dir, 'plan.json'), '--out', dir], b.io),
    ).toBe(2);
    expect(b.err.join('\n')).toMatch(/mode/);
  });

  it('trains each candidate in turn and reports the best (native engine, 2 tiny runs)', async () => {
    const { code, c } = await nileSearch(
      dir,
      { name: 'Nile', training: { epochs: 2, batchSize: 32 } },
      [4, 8],
      ['--json'],
    );
    expect(code).toBe(0);
    const lines = c.out.map((l) => JSON.parse(l) as { type: string } & Partial<SearchState>);
    expect(lines.filter((l) => l.type === 'row')).toHaveLength(2);
    const result = lines.at(-1) as SearchState & { type: string };
    expect(result.type).toBe('result');
    expect(result.rows.map((r) => r.status)).toEqual(['completed', 'completed']);
    const scores = result.rows.map((r) => r.score as number);
    expect(result.bestRunId).toBe(result.rows[scores[0] <= scores[1] ? 0 : 1].runId);
    const saved = JSON.parse(await readFile(join(dir, 'out', 'search.json'), 'utf8')) as SearchState;
    expect(saved.bestRunId).toBe(result.bestRunId);
    const runJson = JSON.parse(await readFile(join(dir, 'out', result.rows[1].runId!, 'run.json'), 'utf8')) as {
      spec: { model: { layers: { units: number }[] } };
    };
    expect(runJson.spec.model.layers[0].units).toBe(8);
  });

  it('trains one network per run when the spec asks for an ensemble, and says so in its summary', async () => {
    const { code, c } = await nileSearch(dir, { training: { epochs: 1, batchSize: 32, ensemble: 3 } }, [4]);
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(
      /The spec asks for an ensemble of 3 networks; each run of the search trains one network/,
    );
    const saved = JSON.parse(await readFile(join(dir, 'out', 'search.json'), 'utf8')) as SearchState;
    const runJson = JSON.parse(await readFile(join(dir, 'out', saved.rows[0].runId!, 'run.json'), 'utf8')) as {
      spec: { training: { ensemble: number } };
    };
    expect(runJson.spec.training.ensemble).toBe(1);
  });
});
