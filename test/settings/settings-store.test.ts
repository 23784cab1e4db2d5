import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsStore } from '../../src-main/settings/settings-store';

describe('SettingsStore', () => {
  let dir: string;
  let warnings: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rs-settings-'));
    warnings = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const store = (d = dir) => new SettingsStore(d, (m) => warnings.push(m));

  it('starts with the defaults and no warning when there is no file', async () => {
    expect(await store().get()).toEqual({
      theme: 'system',
      defaultDataFolder: null,
      defaultExportFolder: null,
      trainingThreads: null,
    });
    expect(warnings).toEqual([]);
  });

  it('saves a partial change and reads it back in a new session', async () => {
    const folder = join(dir, 'data');
    const s = await store().set({ theme: 'dark', defaultDataFolder: folder });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', defaultDataFolder: folder });
    await store().set({ trainingThreads: 2 });
    expect(await store().get()).toEqual({
      theme: 'dark',
      defaultDataFolder: folder,
      defaultExportFolder: null,
      trainingThreads: 2,
    });
    expect(await store().set({ trainingThreads: null })).toMatchObject({ theme: 'dark', trainingThreads: null });
  });

  it('refuses invalid values and relative folders without changing the file', async () => {
    const s = store();
    await s.set({ theme: 'light' });
    const before = await readFile(join(dir, SETTINGS_FILE), 'utf8');
    await expect(s.set({ trainingThreads: 0 })).rejects.toThrow(/not valid/);
    await expect(s.set({ theme: 'neon' } as never)).rejects.toThrow(/not valid/);
    await expect(s.set({ defaultExportFolder: 'exports' })).rejects.toThrow(/absolute/);
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
    expect((await s.get()).theme).toBe('light');
  });

  it('falls back to the defaults with a warning when the file is damaged', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"theme": "dark",');
    expect(await store().get()).toEqual(DEFAULT_SETTINGS);
    expect(warnings.join()).toMatch(/damaged/);
  });

  it('keeps the valid fields of a partly invalid file', async () => {
    await writeFile(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ theme: 'dark', trainingThreads: -3, defaultDataFolder: 42 }),
    );
    expect(await store().get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(warnings.join()).toMatch(/trainingThreads/);
    expect(warnings.join()).toMatch(/defaultDataFolder/);
  });

  it('treats a file that is not an object, or a folder in its place, as defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '[1,2]');
    expect(await store().get()).toEqual(DEFAULT_SETTINGS);
    const other = join(dir, 'other');
    await mkdir(join(other, SETTINGS_FILE), { recursive: true });
    expect(await store(other).get()).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toHaveLength(2);
  });
});
