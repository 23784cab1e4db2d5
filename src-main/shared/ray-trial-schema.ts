/**
 * The schemas of the files a Ray Tune trial of a training project's search.py leaves behind,
 * checked like run.json and preprocessing.json before anything is imported: params.json (which
 * candidate), the last line of result.json (what it reported) and trial.json in its checkpoint.
 * A damaged file is refused with a sentence naming the file and the field.
 */
import { z } from 'zod';
import type { RunSummary } from './types';

const planValue = z.union([z.string().max(500), z.number(), z.boolean()]);

/** params.json: the trial's config as search.py set it. */
export const rayParamsSchema = z.looseObject({ trial: z.number().int().min(0).max(100_000) });

/** A line of result.json: the scores search.py reported (null where a score does not apply). */
export const rayResultSchema = z.looseObject({
  score: z.number().nullable(),
  validation_loss: z.number().nullable().optional(),
  test_rmse: z.number().nullable().optional(),
  test_accuracy: z.number().nullable().optional(),
  epochs: z.number().int().min(0).nullable().optional(),
});

/** trial.json in the checkpoint: the candidate of the app's plan this model was trained for. */
export const rayTrialSchema = z.object({
  index: z.number().int().min(0).max(100_000),
  name: z.string().max(500),
  values: z.record(z.string().max(500), planValue),
});

export type RayParams = z.infer<typeof rayParamsSchema>;
export type RayResult = z.infer<typeof rayResultSchema>;
export type RayTrialFile = z.infer<typeof rayTrialSchema>;

/** What importing a Ray Tune results folder brought in, and the trials it refused with the reason. */
export interface RayImport {
  imported: RunSummary[];
  refused: { folder: string; reason: string }[];
}

/** A Ray Tune file that does not hold what search.py writes. */
export class RayTrialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RayTrialError';
  }
}

/** Checks a parsed file against its schema; throws RayTrialError naming the file and the first wrong field. */
export function readRayFile<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : 'the top level';
  throw new RayTrialError(`${where} is not what search.py writes: ${field} is wrong (${issue.message}).`);
}
