/**
 * The experiment spec: one validated JSON object holding data preparation, architecture
 * and training settings. The forms edit it, the engine consumes it, runs store it and the
 * CLI reads it. Every field has a default, so `parseSpec({data: {file, target...}})`
 * yields a complete spec. Version 1 of the saved format.
 */
import { z } from 'zod';
import { describeIssue, type SpecProblem } from './spec-problems';
import { seq2seqSchema } from './seq2seq-spec';
import { CALENDAR_FEATURES } from './calendar-inputs';

export const SPEC_VERSION = 1;

/**
 * What a run learns. Sequence labeling (one label per step) reads a table with one row per
 * step: `data.idColumn` says which sequence a row belongs to, `data.timeColumn` (optional) the
 * step order (file order otherwise), `data.targetColumns[0]` the step's label, and the input is
 * either numeric `data.featureColumns` (all other numeric columns when empty) or a token column
 * named by `data.text.column` (one word per row, e.g. for part-of-speech tags). Sequences longer
 * than `data.lookback` are cut into pieces of that many steps.
 */
export const TASKS = [
  'forecast',
  'sequence-classification',
  'text-classification',
  'text-generation',
  'sequence-labeling',
  'sequence-to-sequence',
] as const;
export type Task = (typeof TASKS)[number];

export const CELLS = ['SimpleRNN', 'LSTM', 'GRU'] as const;
export type Cell = (typeof CELLS)[number];

export const HIDDEN_ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'elu', 'selu', 'softsign', 'linear'] as const;
export const RECURRENT_ACTIVATIONS = ['sigmoid', 'hardSigmoid', 'tanh'] as const;
export const OUTPUT_ACTIVATIONS = ['linear', 'sigmoid', 'softmax'] as const;
export const MERGE_MODES = ['concat', 'sum', 'ave', 'mul'] as const;
export const LOSSES = [
  'mse',
  'mae',
  'huber',
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
] as const;
export type Loss = (typeof LOSSES)[number];
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adamax'] as const;
export const MISSING_STRATEGIES = ['drop', 'ffill', 'interpolate', 'mean'] as const;
export const SCALINGS = ['standard', 'minmax', 'none'] as const;
export const COLUMN_TYPES = ['numeric', 'datetime', 'categorical', 'text'] as const;
/** What a forecast network learns: the level, or the correction to a base forecast (forecast/target-transform.ts). */
export const TRANSFORM_KINDS = [
  'level',
  'difference',
  'seasonal-residual',
  'seasonal-profile',
  'exponential-smoothing',
  'arima',
] as const;
export type TransformKind = (typeof TRANSFORM_KINDS)[number];
/** The spec's choice: one of the kinds, or 'auto' (chosen on the validation windows). */
export const TARGET_TRANSFORMS = ['auto', ...TRANSFORM_KINDS] as const;
export type TargetTransform = (typeof TARGET_TRANSFORMS)[number];
/**
 * How time is read from several columns: a year with its quarter, month or ISO week; a date
 * with a time of day; or a single column of Excel serial day numbers.
 */
export const TIME_PART_KINDS = [
  'year-quarter',
  'year-month',
  'year-week',
  'year-month-day',
  'date-time',
  'excel-serial',
] as const;
export type TimePartKind = (typeof TIME_PART_KINDS)[number];

const positiveInt = (max: number) => z.number().int().min(1).max(max);
const fraction = z.number().min(0).max(0.9);

export const textSchema = z
  .object({
    /**
     * Column holding the text (labeled texts); null for a plain corpus. Sequence labeling: the
     * token column, one token per row, or null for numeric inputs.
     */
    column: z.string().nullable().default(null),
    tokens: z.enum(['char', 'word']).default('char'),
    lowercase: z.boolean().default(true),
    vocabSize: positiveInt(100_000).default(10_000),
    maxLength: positiveInt(10_000).default(100),
    padding: z.enum(['pre', 'post']).default('pre'),
    truncating: z.enum(['pre', 'post']).default('pre'),
  })
  .strict();

export const dataSchema = z
  .object({
    /** Absolute path of the data file. */
    file: z
      .string()
      .min(1, 'Choose a data file.')
      // Specs travel in project files and bundles: a URL here must never make the app fetch anything.
      .refine(
        (file) => !/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(file),
        'The data file must be a file on this computer; web addresses (URLs) are not read.',
      ),
    /** Sheet name for .xlsx files. */
    sheet: z.string().nullable().default(null),
    /** The user's overrides of detected column types, applied at every import of the file. */
    columnTypes: z.record(z.string(), z.enum(COLUMN_TYPES)).default(() => ({})),
    timeColumn: z.string().nullable().default(null),
    /**
     * Time read from several columns (or an Excel serial column): the import adds a time column
     * named by `composedTimeName` (e.g. "year + quarter"), which `timeColumn` then names. null:
     * detected at each import. Older specs have no such field and keep their single time column.
     */
    timeParts: z
      .object({ kind: z.enum(TIME_PART_KINDS), columns: z.array(z.string()).min(1).max(4) })
      .strict()
      .nullable()
      .default(null),
    /**
     * Several series in one file (forecasts): `scope` 'one' trains on the series `id` (the first
     * when null); 'all' trains one network over windows from every series, each scaled on its
     * own. `wide`: every target column is a series (wide files) instead of one series per
     * `idColumn` value. Older specs train on one series, as they did.
     */
    series: z
      .object({
        scope: z.enum(['one', 'all']).default('one'),
        id: z.string().nullable().default(null),
        wide: z.boolean().default(false),
      })
      .strict()
      .default(() => ({ scope: 'one' as const, id: null, wide: false })),
    /** Series identifier column for long-format files (one series, or one labeled sequence, per id). */
    idColumn: z.string().nullable().default(null),
    /** Forecast targets (forecast), the label column (classification tasks), or the per-step label (labeling). */
    targetColumns: z.array(z.string()).min(1, 'Pick a target column.'),
    /** Extra input columns observed up to the forecast origin. */
    featureColumns: z.array(z.string()).default(() => []),
    /** Input columns whose future values are known in advance (calendar, planned events). */
    knownFutureColumns: z.array(z.string()).default(() => []),
    calendarFeatures: z.array(z.enum(CALENDAR_FEATURES)).default(() => []),
    missing: z.enum(MISSING_STRATEGIES).default('interpolate'),
    scaling: z.enum(SCALINGS).default('standard'),
    targetTransform: z.enum(TARGET_TRANSFORMS).default('auto'),
    /** Seasonal period in steps; null detects it from the time frequency and autocorrelation. */
    seasonalPeriod: z.number().int().min(2).max(10_000).nullable().default(null),
    lookback: positiveInt(10_000).default(24),
    horizon: positiveInt(1_000).default(1),
    stride: positiveInt(10_000).default(1),
    split: z
      .object({ validation: fraction.default(0.15), test: fraction.default(0.15) })
      .strict()
      .default(() => ({ validation: 0.15, test: 0.15 })),
    text: textSchema.default(() => textSchema.parse({})),
  })
  .strict();

export const recurrentLayerSchema = z
  .object({
    units: positiveInt(4096),
    bidirectional: z.boolean().default(false),
    merge: z.enum(MERGE_MODES).default('concat'),
    dropout: z.number().min(0).max(0.95).default(0),
    recurrentDropout: z.number().min(0).max(0.95).default(0),
  })
  .strict();
export type RecurrentLayerSpec = z.infer<typeof recurrentLayerSchema>;

export const modelSchema = z
  .object({
    cell: z.enum(CELLS).default('LSTM'),
    layers: z
      .array(recurrentLayerSchema)
      .min(1, 'Add at least one recurrent layer.')
      .max(8)
      .default(() => [{ units: 32, bidirectional: false, merge: 'concat' as const, dropout: 0, recurrentDropout: 0 }]),
    activation: z.enum(HIDDEN_ACTIVATIONS).default('tanh'),
    recurrentActivation: z.enum(RECURRENT_ACTIVATIONS).default('sigmoid'),
    /** How tokens enter the network for text tasks; numeric series always enter as values. */
    input: z.enum(['onehot', 'embedding']).default('embedding'),
    embeddingDim: positiveInt(2048).default(32),
    denseLayers: z
      .array(positiveInt(4096))
      .max(4)
      .default(() => []),
    denseActivation: z.enum(HIDDEN_ACTIVATIONS).default('relu'),
    /** null: chosen from the task (linear for forecasts, sigmoid / softmax for classes). */
    outputActivation: z.enum(OUTPUT_ACTIVATIONS).nullable().default(null),
  })
  .strict();

export const optimizerSchema = z
  .object({
    name: z.enum(OPTIMIZERS).default('adam'),
    learningRate: z.number().gt(0).max(10).default(0.001),
    momentum: z.number().min(0).max(0.999).default(0.9),
    nesterov: z.boolean().default(false),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    rho: z.number().min(0).lt(1).default(0.9),
    epsilon: z.number().gt(0).max(1).default(1e-7),
  })
  .strict();

/** The most networks one ensemble trains. */
export const MAX_ENSEMBLE = 9;

/**
 * The tasks an ensemble can train for: a forecast answers with the networks' median, a
 * classification (of sequences, texts or each step) with the mean of their class probabilities.
 */
export const ENSEMBLE_TASKS: readonly Task[] = [
  'forecast',
  'sequence-classification',
  'text-classification',
  'sequence-labeling',
];

export const trainingSchema = z
  .object({
    /** null: chosen from the task (MSE for forecasts, cross-entropy for classes). */
    loss: z.enum(LOSSES).nullable().default(null),
    optimizer: optimizerSchema.default(() => optimizerSchema.parse({})),
    epochs: positiveInt(10_000).default(100),
    batchSize: positiveInt(65_536).default(32),
    weightDecay: z.number().min(0).max(1).default(0),
    clip: z
      .object({ mode: z.enum(['none', 'norm', 'value']).default('norm'), value: z.number().gt(0).default(1) })
      .strict()
      .default(() => ({ mode: 'norm' as const, value: 1 })),
    earlyStopping: z
      .object({
        enabled: z.boolean().default(true),
        patience: positiveInt(1000).default(10),
        restoreBest: z.boolean().default(true),
        /** Epochs that always run before early stopping may end training (a plateau at the start is not the end). */
        minEpochs: z.number().int().min(0).max(10_000).default(0),
      })
      .strict()
      .default(() => ({ enabled: true, patience: 10, restoreBest: true, minEpochs: 0 })),
    /**
     * Weight averaging: validation, the best-epoch checkpoint and the saved model use an
     * exponential moving average of the weights over the recent batches (each batch keeps
     * `decay` of the average and adds 1 − decay of the new weights), which evens out the noise
     * of the last updates.
     */
    weightAveraging: z
      .object({ enabled: z.boolean().default(false), decay: z.number().min(0.5).max(0.9999).default(0.9) })
      .strict()
      .default(() => ({ enabled: false, decay: 0.9 })),
    reduceLrOnPlateau: z
      .object({
        enabled: z.boolean().default(true),
        patience: positiveInt(1000).default(5),
        factor: z.number().gt(0).lt(1).default(0.5),
        minLearningRate: z.number().min(0).default(1e-5),
      })
      .strict()
      .default(() => ({ enabled: true, patience: 5, factor: 0.5, minLearningRate: 1e-5 })),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** Use fused native TensorFlow kernels when the native backend is active. */
    fused: z.boolean().default(true),
    /**
     * How many networks to train (member k with seed + k − 1; ENSEMBLE_TASKS only): the saved
     * model forecasts their median, or classifies by the mean of their class probabilities. 1
     * trains a single network, as specs from before ensembles did.
     */
    ensemble: z.number().int().min(1).max(MAX_ENSEMBLE).default(1),
  })
  .strict();

export const specSchema = z
  .object({
    version: z.literal(SPEC_VERSION).default(SPEC_VERSION),
    name: z.string().max(200).default('Untitled experiment'),
    task: z.enum(TASKS).default('forecast'),
    data: dataSchema,
    model: modelSchema.default(() => modelSchema.parse({})),
    training: trainingSchema.default(() => trainingSchema.parse({})),
    /** Sequence to sequence only (see seq2seq-spec.ts); older specs take the defaults. */
    seq2seq: seq2seqSchema.default(() => seq2seqSchema.parse({})),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const d = spec.data;
    if (spec.task === 'forecast' && d.lookback < 1) {
      ctx.addIssue({ code: 'custom', path: ['data', 'lookback'], message: 'The window must hold at least one step.' });
    }
    if (d.split.validation + d.split.test >= 0.9) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'split'],
        message: 'Validation and test together must leave at least 10% of the data for training.',
      });
    }
    const loss = spec.training.loss;
    const out = spec.model.outputActivation;
    if (out === 'softmax' && (loss === 'mse' || loss === 'mae' || loss === 'huber')) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'outputActivation'],
        message: `A softmax output with the ${loss.toUpperCase()} loss trains poorly: use a cross-entropy loss, or a linear output for regression.`,
      });
    }
    if (spec.task === 'forecast' && loss && loss.includes('rossentropy')) {
      ctx.addIssue({
        code: 'custom',
        path: ['training', 'loss'],
        message: 'Forecasting predicts numbers: use MSE, MAE or Huber, not a cross-entropy loss.',
      });
    }
    const ensemble = ensembleProblem(spec.task, spec.data.series.scope, spec.training.ensemble);
    if (ensemble) ctx.addIssue({ code: 'custom', path: ['training', 'ensemble'], message: ensemble });
    for (const problem of outputLossProblems(spec.task, out, loss)) {
      ctx.addIssue({ code: 'custom', ...problem });
    }
  });

/** Why an ensemble of `size` networks cannot train for this task, or null when it can. */
function ensembleProblem(task: Task, scope: 'one' | 'all', size: number): string | null {
  if (size <= 1) return null;
  if (!ENSEMBLE_TASKS.includes(task))
    return 'An ensemble (several networks whose median forecast or mean class probabilities are the answer) is for forecasts and classification: set the ensemble size to 1 for this task.';
  if (task === 'forecast' && scope === 'all')
    return 'An ensemble trains one series at a time: set the ensemble size to 1 to train one network over all series.';
  return null;
}

const CROSS_ENTROPIES: readonly (Loss | null)[] = [
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
];
const REGRESSION_LOSSES: readonly (Loss | null)[] = ['mse', 'mae', 'huber'];

/**
 * Output activation and loss pairs that cannot train, each with what to change. Only choices the
 * user made count: a null (automatic) activation or loss is always chosen to fit the task.
 */
function outputLossProblems(
  task: Task,
  out: (typeof OUTPUT_ACTIVATIONS)[number] | null,
  loss: Loss | null,
): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const onOutput = (message: string) => problems.push({ path: ['model', 'outputActivation'], message });
  const onLoss = (message: string) => problems.push({ path: ['training', 'loss'], message });
  if (out === 'linear' && CROSS_ENTROPIES.includes(loss)) {
    onOutput(
      'A linear output gives any number, but cross-entropy scores probabilities between 0 and 1: use a sigmoid output with binary cross-entropy, a softmax output with categorical cross-entropy, or leave the output on automatic.',
    );
  }
  if (out === 'sigmoid' && loss === 'sparseCategoricalCrossentropy') {
    onOutput(
      'Sparse categorical cross-entropy needs one output per class that sum to 1, but a sigmoid output for two classes is a single unit and for more classes gives independent probabilities: use a softmax output, or binary cross-entropy with the sigmoid for two classes.',
    );
  }
  if (out === 'sigmoid' && loss === 'categoricalCrossentropy') {
    onOutput(
      'Categorical cross-entropy needs class probabilities that sum to 1, which a sigmoid output does not give (for more than two classes each unit is on its own): use a softmax output, or binary cross-entropy for two classes.',
    );
  }
  if (out === 'softmax' && loss === 'binaryCrossentropy') {
    onOutput(
      'Binary cross-entropy scores one probability per sample from a sigmoid output: use a sigmoid output, or sparse categorical cross-entropy with the softmax.',
    );
  }
  if ((task === 'text-generation' || task === 'sequence-labeling') && out !== null && out !== 'softmax') {
    onOutput(
      `${task === 'text-generation' ? 'Text generation picks the next token' : 'Sequence labeling picks a class at every step'} from a softmax over all choices: use a softmax output or leave it on automatic.`,
    );
  }
  if ((task === 'text-generation' || task === 'sequence-labeling') && loss !== null) {
    if (loss !== 'sparseCategoricalCrossentropy') {
      onLoss(
        `${task === 'text-generation' ? 'Text generation' : 'Sequence labeling'} trains with sparse categorical cross-entropy (one class id per step): choose it or leave the loss on automatic.`,
      );
    }
  }
  if ((task === 'sequence-classification' || task === 'text-classification') && REGRESSION_LOSSES.includes(loss)) {
    onLoss(
      `Classes need a cross-entropy loss, not ${loss?.toUpperCase()}: choose binary cross-entropy for two classes, sparse categorical cross-entropy for more, or leave the loss on automatic.`,
    );
  }
  return problems;
}

/** A complete, validated spec (every default filled in). */
export type ExperimentSpec = z.infer<typeof specSchema>;
/** Columns a time is read from together, and how (see `dataSchema.timeParts`). */
export type TimeParts = NonNullable<ExperimentSpec['data']['timeParts']>;
/** What a user or file may give: any field may be left out and takes its default. */
export type ExperimentSpecInput = z.input<typeof specSchema>;

export type { SpecProblem } from './spec-problems';

/** Validates and completes a spec; problems are returned per field for the forms and CLI. */
export function parseSpec(input: unknown): { ok: true; spec: ExperimentSpec } | { ok: false; problems: SpecProblem[] } {
  const r = specSchema.safeParse(input);
  if (r.success) return { ok: true, spec: r.data };
  return {
    ok: false,
    problems: r.error.issues.map(describeIssue),
  };
}

/** The loss used when the spec leaves it to the task. */
export function effectiveLoss(spec: ExperimentSpec, classCount = 2): Loss {
  if (spec.training.loss) return spec.training.loss;
  switch (spec.task) {
    case 'forecast':
      return 'mse';
    case 'text-generation':
    case 'sequence-labeling':
    case 'sequence-to-sequence':
      return 'sparseCategoricalCrossentropy';
    default:
      // A softmax the user chose has one unit per class, even for two classes.
      return classCount <= 2 && spec.model.outputActivation !== 'softmax'
        ? 'binaryCrossentropy'
        : 'sparseCategoricalCrossentropy';
  }
}

/** The output activation used when the spec leaves it to the task. */
export function effectiveOutputActivation(spec: ExperimentSpec, classCount = 2): (typeof OUTPUT_ACTIVATIONS)[number] {
  if (spec.model.outputActivation) return spec.model.outputActivation;
  if (spec.task === 'forecast') return 'linear';
  if (spec.task === 'text-generation' || spec.task === 'sequence-labeling') return 'softmax';
  if (spec.task === 'sequence-to-sequence') return 'softmax';
  return classCount <= 2 ? 'sigmoid' : 'softmax';
}
