/**
 * The sample projects of the start screen: `<id>.sample.json` files beside their data in the
 * samples folder (`process.resourcesPath/samples` when packaged, `resources/samples` in
 * development). A sample's spec names its data file relative to that folder; it is made
 * absolute when the sample opens.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSpec, TASKS, type ExperimentSpec } from '../shared/spec';
import type { SampleInfo } from '../shared/types-project';
import { ServiceError } from '../shared/service-error';

export const SAMPLE_SUFFIX = '.sample.json';
const SAMPLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const sampleFileSchema = z
  .object({
    format: z.literal('recurrent-studio.sample'),
    version: z.literal(1),
    title: z.string().min(1).max(200),
    task: z.enum(TASKS),
    /** One paragraph: what the task is and why the spec is set up the way it is. */
    description: z.string().min(1).max(4000),
    /** The data file's name in the samples folder (no folders). */
    dataFile: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    /** The spec with `data.file` left out: it is set to the data file's absolute path. */
    spec: z.record(z.string(), z.unknown()),
  })
  .strict();
export type SampleFile = z.infer<typeof sampleFileSchema>;

/** A sample ready to become a project. */
export interface OpenedSample extends SampleInfo {
  spec: ExperimentSpec;
  dataPath: string;
}

/** The samples folder of this installation. */
export function defaultSamplesDir(): string {
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'samples'))) return join(resources, 'samples');
  return join(process.cwd(), 'resources', 'samples');
}

/** Every readable sample, sorted by id; a broken sample file is skipped rather than hiding the rest. */
export async function listSamples(dir: string): Promise<SampleInfo[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: SampleInfo[] = [];
  for (const name of names.filter((n) => n.endsWith(SAMPLE_SUFFIX)).sort()) {
    const id = name.slice(0, -SAMPLE_SUFFIX.length);
    if (!SAMPLE_ID.test(id)) continue;
    try {
      const s = await openSample(dir, id);
      out.push({ id: s.id, title: s.title, task: s.task, description: s.description });
    } catch {
      continue;
    }
  }
  return out;
}

/** Reads one sample and completes its spec with the data file's absolute path. */
export async function openSample(dir: string, id: string): Promise<OpenedSample> {
  if (!SAMPLE_ID.test(id)) throw new ServiceError('not-found', `There is no sample "${id}".`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, `${id}${SAMPLE_SUFFIX}`), 'utf8'));
  } catch {
    throw new ServiceError('not-found', `There is no sample "${id}" in ${dir}.`);
  }
  const file = sampleFileSchema.safeParse(raw);
  if (!file.success)
    throw new ServiceError('bad-data', `The sample "${id}" is damaged: ${file.error.issues[0].message}`);
  const { title, task, description, dataFile } = file.data;
  const dataPath = join(dir, dataFile);
  const specInput = file.data.spec as { data?: Record<string, unknown> };
  const parsed = parseSpec({ ...specInput, task, data: { ...(specInput.data ?? {}), file: dataPath } });
  if (!parsed.ok) {
    throw new ServiceError(
      'bad-data',
      `The sample "${id}" has an invalid spec: ${parsed.problems[0].path}: ${parsed.problems[0].message}`,
    );
  }
  return { id, title, task, description, spec: parsed.spec, dataPath };
}
