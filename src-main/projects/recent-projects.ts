/** The recent projects list: JSON in the data folder, most recent first, at most ten. */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RecentProject } from '../shared/types-project';
import { writeFileAtomic } from '../storage/atomic-write';

export const MAX_RECENT = 10;

const fileSchema = z.object({
  version: z.literal(1),
  projects: z.array(z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() }).strict()),
});
type Entry = z.infer<typeof fileSchema>['projects'][number];

/** Reads and updates the list; an unreadable list counts as empty rather than failing the app. */
export class RecentProjects {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Most recent first, each with whether the file still exists. */
  async list(): Promise<RecentProject[]> {
    const entries = await this.read();
    return Promise.all(
      entries.map(async (e) => ({ ...e, exists: (await stat(e.path).catch(() => null))?.isFile() ?? false })),
    );
  }

  /** Puts `path` at the top (once), dropping the oldest beyond MAX_RECENT. */
  async touch(path: string, name: string): Promise<void> {
    const entries = (await this.read()).filter((e) => e.path !== path);
    entries.unshift({ path, name, openedAt: this.now().toISOString() });
    await this.write(entries.slice(0, MAX_RECENT));
  }

  /** Removes `path` from the list. */
  async forget(path: string): Promise<void> {
    await this.write((await this.read()).filter((e) => e.path !== path));
  }

  private async read(): Promise<Entry[]> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.projects.slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  private async write(projects: Entry[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, projects }, null, 1)}\n`);
  }
}
