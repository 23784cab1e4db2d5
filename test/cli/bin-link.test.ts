/**
 * npm installs the `recurrent` command as a link to the CLI entry; the entry must recognise
 * itself through the link (it once compared the link's name and silently did nothing).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('the committed bin wrapper', () => {
  it('is what package.json installs as `recurrent`, committed executable', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.recurrent).toBe('bin/recurrent.mjs');
    // A build rewrites out/main/cli.js without its execute bit; the wrapper's bit lives in git.
    const staged = spawnSync('git', ['ls-files', '-s', 'bin/recurrent.mjs'], { cwd: root, encoding: 'utf8' });
    expect(staged.stdout).toMatch(/^100755 /);
  });

  function installedCopy(name: string, withBuild: boolean): string {
    const pkgDir = join(dir, name);
    mkdirSync(join(pkgDir, 'bin'), { recursive: true });
    copyFileSync(join(root, 'bin/recurrent.mjs'), join(pkgDir, 'bin/recurrent.mjs'));
    if (withBuild) {
      // Stands in for the built bundle: the same runCli, loaded from source through tsx.
      mkdirSync(join(pkgDir, 'out/main'), { recursive: true });
      const source = join(root, 'src-main/cli/main.ts').replace(/\\/g, '/');
      writeFileSync(join(pkgDir, 'out/main/cli.js'), `export { runCli } from '${source}';\n`);
    }
    return join(pkgDir, 'bin/recurrent.mjs');
  }

  it('runs the built command line and passes its exit code on', () => {
    const bin = installedCopy('built', true);
    const version = spawnSync(process.execPath, ['--import', 'tsx', bin, '--version'], { cwd: root, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(APP_VERSION);
    const unknown = spawnSync(process.execPath, ['--import', 'tsx', bin, 'frobnicate'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('says to build first when out/main/cli.js is missing', () => {
    const r = spawnSync(process.execPath, [installedCopy('unbuilt', false), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run build');
  });
});

describe('the version', () => {
  it('the app and the CLI report is the one in package.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
