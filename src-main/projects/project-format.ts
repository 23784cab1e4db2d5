/**
 * The saved project format (see FORMAT.md): the JSON-only shapes stored inside a `.rsproj`
 * file, their zod schemas, and the readers that turn any supported version into the current
 * one. Kept apart from the in-memory project (project-model.ts), which holds absolute paths
 * and live run results.
 */
import { z } from 'zod';
import { specSchema, TASKS } from '../shared/spec';

export const PROJECT_FORMAT = 'recurrent-studio.project';
export const PROJECT_VERSION = 1;
export const PROJECT_EXTENSION = '.rsproj';

/** Run ids become folder names inside the file and on disk: letters, digits, dot, dash, underscore. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const runId = z
  .string()
  .regex(RUN_ID_PATTERN, 'Run ids may hold only letters, digits, dots, dashes and underscores.')
  .refine((s) => !s.includes('..'), 'Run ids may not contain "..".');

/** The model files a run may carry; nothing else is ever read from a project. */
export const MODEL_FILES = ['model.json', 'weights.bin', 'preprocessing.json'] as const;

const RUN_STATUSES = ['running', 'completed', 'cancelled', 'failed', 'interrupted'] as const;
const BACKENDS = ['tensorflow', 'cpu'] as const;
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

/** The fields of a run's summary row, shared by project.json's run records and run.json. */
const runSummaryFields = {
  runId,
  name: z.string().max(500),
  task: z.enum(TASKS),
  status: z.enum(RUN_STATUSES),
  startedAt: isoDate,
  durationSeconds: z.number().min(0).nullable(),
  backend: z.enum(BACKENDS),
  headline: z.record(z.string(), z.number()),
};

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

/**
 * run.json inside a project: the RunResult the app showed, with `modelDir` relative to the
 * run's folder ('model') or null. History and evaluation are checked for shape loosely: they
 * are only drawn in charts, never executed.
 */
export const storedRunSchema = z.looseObject({
  ...runSummaryFields,
  spec: specSchema,
  fused: z.boolean(),
  history: z.array(z.looseObject({ epoch: z.number(), loss: z.number().nullable() })),
  evaluation: z
    .looseObject({ kind: z.enum(['forecast', 'classification', 'generation', 'sequence-to-sequence']) })
    .nullable(),
  modelDir: z.literal('model').nullable(),
  error: z.string().nullable(),
  log: z.array(z.string()),
});

/**
 * run.json in a run folder (what `recurrent train` and the app's runs folder hold): as in a
 * project, but `modelDir` is wherever the model was saved. A run still training (or killed
 * while training) reads 'running' and may name the process that wrote it.
 */
export const runFolderRunSchema = storedRunSchema.extend({
  modelDir: z.string().nullable(),
  pid: z.number().int().optional(),
});

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
  const first = r.error.issues[0];
  const where = first.path.length ? ` at ${first.path.join('.')}` : '';
  throw new ProjectFormatError(`${entry} is not valid${where}: ${first.message}`);
}
