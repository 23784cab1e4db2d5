/**
 * npm installs the `recurrent` command as a link to the CLI entry; the entry must recognise
 * itself through the link (it once compared the link's name and silently did nothing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src-main/shared/version';

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'rs-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the recurrent command', () => {
  it('runs when started through a link named like the installed command', () => {
    const link = join(dir, 'recurrent.ts');
    symlinkSync(join(root, 'src-main/cli/main.ts'), link);
    const r = spawnSync(process.execPath, ['--import', 'tsx', link, '--version'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(APP_VERSION);
  });
});

describe('the version', () => {
  it('the app and the CLI report is the one in package.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
