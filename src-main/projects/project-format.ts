/**
 * The saved project format (see FORMAT.md): the JSON-only shapes stored inside a `.rsproj`
 * file, their zod schemas, and the readers that turn any supported version into the current
 * one. Kept apart from the in-memory project (project-model.ts), which holds absolute paths
 * and live run results.
 */
import { z } from 'zod';
import { specSchema } from '../shared/spec';
import { firstIssue, runFolderRunSchema, runSummaryFields, storedRunSchema } from '../shared/run-file-schema';

export { RUN_ID_PATTERN, runFolderRunSchema, storedRunSchema } from '../shared/run-file-schema';

export const PROJECT_FORMAT = 'recurrent-studio.project';
export const PROJECT_VERSION = 1;
export const PROJECT_EXTENSION = '.rsproj';

/** The model files a run may carry; nothing else is ever read from a project. */
export const MODEL_FILES = ['model.json', 'weights.bin', 'preprocessing.json'] as const;

const isoDate = z.string().min(1).max(64);

export const datasetRefSchema = z
  .object({
    /** Absolute path of the data file when the project was saved. */
    path: z.string().min(1).max(4096),
    /** Hex sha256 of the file's bytes; empty when the file could not be read at save time. */
    sha256: z.union([z.string().regex(/^[0-9a-f]{64}$/), z.literal('')]),
    sizeBytes: z.number().int().min(0),
    sheet: z.string().max(200).nullable(),
  })
  .strict();
export type DatasetRefJson = z.infer<typeof datasetRefSchema>;

export const runRecordSchema = z
  .object({
    ...runSummaryFields,
    /** Why the run failed or stopped, for the runs table (written since 0.1.0; optional). */
    error: z.string().max(10_000).nullable().optional(),
    /** Whether `runs/<runId>/model/` holds model.json and weights.bin. */
    hasModel: z.boolean(),
  })
  .strict();
export type RunRecordJson = z.infer<typeof runRecordSchema>;

export const projectFileV1Schema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(1),
    name: z.string().min(1).max(200),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** Version of the app that wrote the file, for support questions only. */
    appVersion: z.string().max(50),
    dataset: datasetRefSchema.nullable(),
    /** The spec being edited in the forms; null before a dataset is chosen. */
    spec: specSchema.nullable(),
    /** Explanation shown for sample projects. */
    description: z.string().max(10_000).nullable(),
    runs: z.array(runRecordSchema).max(10_000),
    /** sha256 of every other entry in the file, so damage inside the zip is detected. */
    files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  })
  .strict();
/** project.json, version 1 (the current version). */
export type ProjectFileJson = z.infer<typeof projectFileV1Schema>;

/** Why a project file cannot be read; the message is shown to the user as it is. */
export class ProjectFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectFormatError';
  }
}

/** Readers for each version this app understands, each returning the current version. */
const READERS: Record<number, (raw: unknown) => ProjectFileJson> = {
  1: (raw) => parseOrExplain(projectFileV1Schema, raw, 'project.json'),
};

/**
 * Reads project.json of any supported version into the current version. A newer version is
 * refused with a message that says to update the app; an unknown format is refused too.
 */
export function readProjectJson(raw: unknown): ProjectFileJson {
  const head = z.object({ format: z.string(), version: z.number().int() }).safeParse(raw);
  if (!head.success || head.data.format !== PROJECT_FORMAT) {
    throw new ProjectFormatError('it is not a Recurrent Studio project (project.json has no project format marker)');
  }
  const { version } = head.data;
  if (version > PROJECT_VERSION) {
    throw new ProjectFormatError(
      `it was saved by a newer version of Recurrent Studio (project format ${version}; this version reads up to ${PROJECT_VERSION}). Update the app to open it`,
    );
  }
  const reader = READERS[version];
  if (!reader) throw new ProjectFormatError(`its project format version ${version} is not supported`);
  return reader(raw);
}

/** Validates run.json of a run folder. */
export function readRunFolderRun(raw: unknown, entry: string): z.infer<typeof runFolderRunSchema> {
  return parseOrExplain(runFolderRunSchema, raw, entry);
}

/** Validates a stored run.json. */
export function readStoredRun(raw: unknown, entry: string): z.infer<typeof storedRunSchema> {
  return parseOrExplain(storedRunSchema, raw, entry);
}

function parseOrExplain<T extends z.ZodType>(schema: T, raw: unknown, entry: string): z.infer<T> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new ProjectFormatError(`${entry} is not valid${firstIssue(r.error)}`);
}
