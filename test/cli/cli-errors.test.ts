/**
 * The CLI's error path: one message per error (as JSON on stdout with --json), exit code 2 for
 * bad usage or input and 1 for a run that failed; interrupted runs point at their checkpoint.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src-main/cli/io';
import { runCli } from '../../src-main/cli/main';
import { specSchema } from '../../src-main/shared/spec';
import { startedRun } from '../../src-main/shared/run-summary';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-errors-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const spec = () =>
  specSchema.parse({ data: { file: path.join(dir, 'flow.csv'), targetColumns: ['flow'], lookback: 4 } });

/** A run folder with a checkpoint, as a run killed mid-training leaves it. */
async function killedRun(name: string, runJson: unknown | null): Promise<string> {
  const runDir = path.join(dir, name);
  await mkdir(path.join(runDir, 'checkpoint'), { recursive: true });
  await writeFile(path.join(runDir, 'checkpoint', 'model.json'), '{}');
  await writeFile(path.join(runDir, 'checkpoint', 'checkpoint.json'), JSON.stringify({ epoch: 7 }));
  if (runJson) await writeFile(path.join(runDir, 'run.json'), JSON.stringify(runJson));
  return runDir;
}

describe('recurrent error path', () => {
  it('an unknown command: one line, exit 2; with --json one JSON object on stdout and nothing on stderr', async () => {
    const plain = await cli('fly');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toHaveLength(1);
    const json = await cli('fly', '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toEqual([]);
    expect(JSON.parse(json.stdout.join(''))).toEqual({
      type: 'error',
      code: 'usage',
      exit: 2,
      message: 'Unknown command "fly". Run `recurrent --help` for the commands.',
    });
  });

  it('inspect names a device as a device (not "empty"), exit 2', async () => {
    const r = await cli('inspect', '/dev/zero', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout.join(''))).toMatchObject({
      code: 'bad-input',
      message: '"/dev/zero" is a device, not a data file. Choose a regular data file.',
    });
  });

  it('a bad option is usage, exit 2, with where to look', async () => {
    const r = await cli('train', '--spek', 'x.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/--spek.*recurrent --help/);
  });

  it('a spec that is a device or not JSON is refused before reading', async () => {
    expect((await cli('train', '--spec', '/dev/zero', '--out', path.join(dir, 'x'))).stderr).toEqual([
      'Cannot read the spec: "/dev/zero" is a device, not a spec. Choose a regular spec.',
    ]);
  });

  it('a run killed before it wrote run.json points at its checkpoint and --continue-from', async () => {
    const runDir = await killedRun('killed-early', null);
    const r = await cli('evaluate', '--run', runDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toContain('its training was interrupted before it finished');
    expect(r.stderr[0]).toContain(`${path.join(runDir, 'checkpoint')} (epoch 7)`);
    expect(r.stderr[0]).toContain(`--continue-from ${runDir}`);
  });

  it('a run.json still "running" with no process behind it reads as interrupted', async () => {
    // A process id that cannot be running: the highest pid Linux allows is 2^22.
    const marker = { ...startedRun('killed-late', spec(), new Date().toISOString(), 'cpu'), pid: 2 ** 22 + 5 };
    const runDir = await killedRun('killed-late', marker);
    const r = await cli('export', '--run', runDir, '--format', 'tfjs', '--out', path.join(dir, 'out'), '--json');
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout.join('')) as { message: string };
    expect(error.message).toMatch(/^The run killed-late was interrupted, so it has no trained model to use\./);
    expect(error.message).toContain('--continue-from');
    expect(await readdir(dir)).not.toContain('out');
  });

  it('a damaged run.json is named with the field, exit 2', async () => {
    const runDir = await killedRun('damaged', { runId: 'damaged', status: 'finished' });
    const r = await cli('evaluate', '--run', runDir);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/run\.json is not valid at .*The run folder is damaged/);
    // A field whose own message ends a sentence is not followed by a second full stop.
    const badId = await killedRun('bad-id', { runId: 'two words', status: 'completed' });
    const named = await cli('evaluate', '--run', badId);
    expect(named.code).toBe(2);
    expect(named.stderr[0]).toMatch(
      /is not valid at runId: Run ids may hold only .*underscores\. The run folder is damaged/,
    );
  });

  it('a training whose target column is missing: one message, exit 2, no summary, no folder left', async () => {
    await writeFile(
      path.join(dir, 'flow.csv'),
      `year,flow\n${Array.from({ length: 40 }, (_, i) => `${1900 + i},${i % 7}`).join('\n')}\n`,
    );
    await writeFile(
      path.join(dir, 'spec.json'),
      JSON.stringify({ data: { file: path.join(dir, 'flow.csv'), targetColumns: ['volume'], lookback: 4 } }),
    );
    const out = path.join(dir, 'run-missing');
    const r = await cli('train', '--spec', path.join(dir, 'spec.json'), '--out', out);
    expect(r.code).toBe(2);
    const mentions = r.stderr.filter((l) => l.includes("'volume'"));
    expect(mentions).toHaveLength(1);
    expect(r.stdout.join('\n')).not.toMatch(/written to/);
    expect(await readdir(dir)).not.toContain('run-missing');
  });
});
