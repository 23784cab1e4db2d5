/**
 * The schemas of run.json, the one check every reader of a run file uses: a project's runs
 * (relative model folder), a run folder written by `recurrent train` and the app's own runs
 * folder (absolute model folder). Lives beside preprocessing's schema, so every file we read
 * back is checked in one place. A damaged file is refused with a sentence naming the field.
 */
import { z } from 'zod';
import { specSchema, TASKS } from './spec';
import type { RunResult } from './types';

/** Run ids become folder names inside a project and on disk: letters, digits, dot, dash, underscore. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const runId = z
  .string()
  .regex(RUN_ID_PATTERN, 'Run ids may hold only letters, digits, dots, dashes and underscores.')
  .refine((s) => !s.includes('..'), 'Run ids may not contain "..".');

const RUN_STATUSES = ['running', 'completed', 'cancelled', 'failed', 'interrupted'] as const;
const BACKENDS = ['tensorflow', 'cpu'] as const;
const isoDate = z.string().min(1).max(64);

/** The fields of a run's summary row, shared by project.json's run records and run.json. */
export const runSummaryFields = {
  runId,
  name: z.string().max(500),
  task: z.enum(TASKS),
  status: z.enum(RUN_STATUSES),
  startedAt: isoDate,
  durationSeconds: z.number().min(0).nullable(),
  backend: z.enum(BACKENDS),
  // A metric that was NaN or infinite (R² of a constant series) was written as null: not shown, not damage.
  headline: z
    .record(z.string(), z.number().nullable())
    .transform((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, number] => e[1] !== null))),
};

/** The original steps of a thinned chart series (shared/chart-series.ts): whole numbers, ascending. */
const chartSteps = z
  .array(z.number().int().min(0))
  .refine(
    (steps) => steps.every((s, i) => i === 0 || s > steps[i - 1]),
    'The steps of a chart series must go up from one point to the next.',
  );

/** The residual histogram of every step, kept with a thinned chart series; absent in older runs. */
const residualHistogram = z.looseObject({
  edges: z.array(z.number()),
  width: z.number(),
  counts: z.array(z.number().int().min(0)),
  total: z.number().int().min(0),
  split: z.enum(['test', 'all']),
});

const epochRecord = z.looseObject({ epoch: z.number(), loss: z.number().nullable() });

/**
 * run.json inside a project: the RunResult the app showed, with `modelDir` relative to the
 * run's folder ('model') or null. History and evaluation are checked for shape loosely: they
 * are only drawn in charts, never executed.
 */
export const storedRunSchema = z.looseObject({
  ...runSummaryFields,
  spec: specSchema,
  fused: z.boolean(),
  history: z.array(epochRecord),
  ensembleHistory: z.array(epochRecord.extend({ network: z.number().int().min(2) })).optional(),
  evaluation: z
    .looseObject({
      kind: z.enum(['forecast', 'classification', 'generation', 'sequence-to-sequence']),
      series: z
        .looseObject({ steps: chartSteps.optional(), residualHistogram: residualHistogram.optional() })
        .optional(),
    })
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

/** The first problem zod found, as "at field.path: what is wrong" (or just what is wrong). */
export function firstIssue(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length ? ` at ${first.path.map(String).join('.')}` : '';
  return `${where}: ${first.message}`;
}

/** A run file that cannot be used; the message names the file and the field. */
export class DamagedRunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedRunFileError';
  }
}

/**
 * Reads the text of a run.json of the app's runs folder: valid JSON, every field of the schema.
 * `where` names the file in the message. Throws DamagedRunFileError.
 */
export function parseRunFile(text: string, where: string): RunResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DamagedRunFileError(`${where} is damaged: it is not valid JSON`);
  }
  const r = runFolderRunSchema.safeParse(raw);
  if (!r.success) throw new DamagedRunFileError(`${where} is damaged: it is not valid${firstIssue(r.error)}`);
  // History and evaluation are checked loosely (see storedRunSchema): their full shape is the app's own.
  return r.data as unknown as RunResult;
}
