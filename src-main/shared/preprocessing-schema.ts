/**
 * The schema of preprocessing.json, the one check every reader of the file uses: the app
 * (model folders, run folders, imports) and, through the field rules below, the scripts in an
 * exported bundle. A file that passes can be applied without dividing by zero, without a
 * window of "abc" steps and without an unknown transform silently producing nothing.
 */
import { z } from 'zod';
import { TASKS, TRANSFORM_KINDS, specSchema } from './spec';
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION, type PreprocessingFile } from './preprocessing';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A scaler must undo what it did: its scale is a finite number above zero. */
const scalerSchema = z
  .object({
    kind: z.enum(['standard', 'minmax', 'none']),
    center: finite,
    scale: finite.refine((s) => s > 0, 'must be greater than 0 (a scale of 0 would make every value the same)'),
  })
  .strip();

const inputSchema = z
  .object({
    name: z.string().min(1),
    source: z.string().min(1),
    derived: z.enum(['level', 'difference', 'seasonal-difference', 'calendar']),
    scaler: scalerSchema,
    lead: z.number().int().min(0).optional(),
  })
  .strip();

/** The profile's own rules (length against the period, finite values) live in forecast/season-profile.ts. */
const profileSchema = z.object({ unit: z.enum(['month', 'quarter', 'hour', 'weekday']) }).loose();

/** The smoothing model's own rules (weights in [0, 1], period against the target's) live in forecast/exponential-smoothing.ts. */
const smoothingSchema = z.object({ trend: z.string(), season: z.string() }).loose();

/** The ARIMA model's own rules (orders, finite coefficients, period against the target's) live in forecast/arima.ts. */
const arimaSchema = z.object({ d: z.number(), seasonalD: z.number() }).loose();

const targetSchema = z
  .object({
    name: z.string().min(1),
    transform: z.enum(TRANSFORM_KINDS),
    period: z.number().int().min(1).nullable(),
    scaler: scalerSchema,
    profile: profileSchema.optional(),
    smoothing: smoothingSchema.optional(),
    arima: arimaSchema.optional(),
    plain: z.boolean().optional(),
  })
  .strip()
  .superRefine((t, ctx) => {
    if ((t.transform === 'seasonal-residual' || t.transform === 'seasonal-profile') && t.period === null) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: `is needed by the ${t.transform} transform` });
    }
    if (t.transform === 'seasonal-profile' && !t.profile) {
      ctx.addIssue({ code: 'custom', path: ['profile'], message: 'is needed by the seasonal-profile transform' });
    }
    if (t.transform === 'exponential-smoothing' && !t.smoothing) {
      ctx.addIssue({
        code: 'custom',
        path: ['smoothing'],
        message: 'is needed by the exponential-smoothing transform',
      });
    }
    if (t.transform === 'arima' && !t.arima) {
      ctx.addIssue({ code: 'custom', path: ['arima'], message: 'is needed by the arima transform' });
    }
  });

/** A global model's series: each with its own input scalers and target, read by the same inputs as the first. */
const seriesSchema = z
  .array(z.object({ id: z.string(), inputs: z.array(inputSchema), target: targetSchema }).strip())
  .min(1);

const textSchema = z
  .object({
    tokens: z.enum(['char', 'word']),
    lowercase: z.boolean(),
    maxLength: z.number().int().min(1),
    padding: z.enum(['pre', 'post']),
    truncating: z.enum(['pre', 'post']),
    vocabulary: z.array(z.string()).min(2),
  })
  .strip();

/** preprocessing.json as the app writes it; older or newer versions are refused by `readPreprocessing`. */
export const preprocessingSchema = z
  .object({
    format: z.literal(PREPROCESSING_FORMAT),
    version: z.literal(PREPROCESSING_VERSION),
    task: z.enum(TASKS),
    lookback: z.number().int().min(1),
    horizon: z.number().int().min(1),
    inputs: z.array(inputSchema),
    target: targetSchema.nullable(),
    timeColumn: z.string().nullable(),
    frequency: z.string().nullable(),
    text: textSchema.nullable(),
    classes: z.array(z.string()).nullable(),
    series: seriesSchema.optional(),
    seq2seq: z
      .object({ targetVocabulary: z.array(z.string()).min(4), targetMaxLength: z.number().int().min(1) })
      .strip()
      .optional(),
    spec: specSchema,
  })
  .strip()
  .superRefine((p, ctx) => {
    if (p.task === 'forecast' && p.target === null) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'is needed by a forecast model' });
    }
    p.series?.forEach((s, i) => {
      if (s.inputs.length !== p.inputs.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['series', i, 'inputs'],
          message: `has ${s.inputs.length} inputs, but the model reads ${p.inputs.length}`,
        });
      }
    });
  });

/** Why a preprocessing.json cannot be used; the message is one sentence naming the field. */
export class PreprocessingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreprocessingError';
  }
}

/**
 * Checks a parsed preprocessing.json; `where` names the file in messages. Throws
 * PreprocessingError: a foreign file, another version (update the app), or the first field
 * that is wrong.
 */
export function readPreprocessing(value: unknown, where: string): PreprocessingFile {
  const v = value as { format?: unknown; version?: unknown } | null;
  if (!v || typeof v !== 'object' || v.format !== PREPROCESSING_FORMAT) {
    throw new PreprocessingError(`${where} is not a Recurrent Studio preprocessing file.`);
  }
  if (v.version !== PREPROCESSING_VERSION) {
    throw new PreprocessingError(
      `${where} has version ${String(v.version)}; this version of the app reads version ${PREPROCESSING_VERSION}. Update the app.`,
    );
  }
  const parsed = preprocessingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : 'the top level';
    throw new PreprocessingError(`${where} is damaged: ${field} ${fieldMessage(issue)}.`);
  }
  // The file as written (not zod's copy): readers see exactly the fields saved, checked.
  return value as PreprocessingFile;
}

/** zod's messages begin with a capital ("Invalid input: …"); ours continue a sentence after the field name. */
function fieldMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return issue.message;
  return `is wrong (${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)})`;
}
