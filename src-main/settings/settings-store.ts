/**
 * The user's settings: JSON in the data folder, validated on read and write. A damaged or
 * foreign settings file never stops the app: it falls back to the defaults with a warning.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { requestArgs } from '../shared/contract';
import type { Settings } from '../shared/types-project';
import { writeFileAtomic } from '../storage/atomic-write';
import { ServiceError } from '../shared/service-error';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  defaultDataFolder: null,
  defaultExportFolder: null,
  trainingThreads: null,
};

const folder = z.string().min(1).max(4096).nullable();
const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  defaultDataFolder: folder,
  defaultExportFolder: folder,
  trainingThreads: z.number().int().min(1).max(256).nullable(),
});

/** A change as the 'settings.set' channel accepts it. */
export type SettingsPatch = z.infer<(typeof requestArgs)['settings.set']>;

/** Reads, caches and writes `<dataDir>/settings.json`. */
export class SettingsStore {
  private cached: Settings | null = null;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {
    this.file = join(dataDir, SETTINGS_FILE);
  }

  /** The settings; fields missing or invalid in the file take their defaults. */
  async get(): Promise<Settings> {
    if (!this.cached) this.cached = await this.read();
    return { ...this.cached };
  }

  /** Applies a partial change, validates it and saves; returns the new settings. */
  async set(patch: SettingsPatch): Promise<Settings> {
    const parsed = requestArgs['settings.set'].safeParse(patch);
    if (!parsed.success) {
      throw new ServiceError('invalid-request', `These settings are not valid: ${parsed.error.issues[0].message}`);
    }
    for (const key of ['defaultDataFolder', 'defaultExportFolder'] as const) {
      const value = parsed.data[key];
      if (value && !isAbsolute(value))
        throw new ServiceError('invalid-request', `The folder must be an absolute path: "${value}".`);
    }
    const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    const next = settingsSchema.parse({ ...(await this.get()), ...defined });
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, ...next }, null, 2)}\n`);
    this.cached = next;
    return { ...next };
  }

  private async read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.warn(`The settings file ${this.file} cannot be read (${(err as Error).message}); using the defaults.`);
      }
      return { ...DEFAULT_SETTINGS };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.warn(`The settings file ${this.file} is damaged (not valid JSON); using the defaults.`);
      return { ...DEFAULT_SETTINGS };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.warn(`The settings file ${this.file} does not hold settings; using the defaults.`);
      return { ...DEFAULT_SETTINGS };
    }
    // Keep every valid field: one bad value should not reset the others.
    const out: Settings = { ...DEFAULT_SETTINGS };
    const record = raw as Record<string, unknown>;
    const bad: string[] = [];
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (!(key in record)) continue;
      const field = settingsSchema.shape[key].safeParse(record[key]);
      if (field.success) (out as unknown as Record<string, unknown>)[key] = field.data;
      else bad.push(key);
    }
    if (bad.length) this.warn(`Some settings in ${this.file} were invalid and use their defaults: ${bad.join(', ')}.`);
    return out;
  }
}
