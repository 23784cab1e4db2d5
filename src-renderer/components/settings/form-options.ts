/** The choices the model form offers, with the words users see. */
import type { ExperimentSpec, Loss, Task } from '../../../src-main/shared/spec';
import { OPTIMIZERS } from '../../../src-main/shared/spec';

export const TASK_OPTIONS: { value: Task; label: string }[] = [
  { value: 'forecast', label: 'Forecast' },
  { value: 'sequence-classification', label: 'Sequence classification' },
  { value: 'text-classification', label: 'Text classification' },
  { value: 'text-generation', label: 'Text generation' },
  { value: 'sequence-labeling', label: 'Sequence labeling' },
  { value: 'sequence-to-sequence', label: 'Sequence to sequence' },
];

/** Tasks whose inputs are texts (tokens), not numeric series. */
export const TEXT_TASKS: readonly Task[] = ['text-classification', 'text-generation', 'sequence-to-sequence'];
/** True when the network reads tokens: the text tasks, and labeling of a word column (one word per row). */
export function readsTokens(spec: Pick<ExperimentSpec, 'task' | 'data'>): boolean {
  return TEXT_TASKS.includes(spec.task) || (spec.task === 'sequence-labeling' && spec.data.text.column !== null);
}
/** Tasks that predict classes. */
export const CLASS_TASKS: readonly Task[] = ['sequence-classification', 'text-classification', 'sequence-labeling'];

export const LOSS_OPTIONS: { value: Loss; label: string }[] = [
  { value: 'mse', label: 'MSE (mean squared error)' },
  { value: 'mae', label: 'MAE (mean absolute error)' },
  { value: 'huber', label: 'Huber (robust to outliers)' },
  { value: 'binaryCrossentropy', label: 'Binary cross-entropy' },
  { value: 'categoricalCrossentropy', label: 'Categorical cross-entropy' },
  { value: 'sparseCategoricalCrossentropy', label: 'Sparse categorical cross-entropy' },
];

export const OPTIMIZER_OPTIONS: { value: (typeof OPTIMIZERS)[number]; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum' },
  { value: 'rmsprop', label: 'RMSProp' },
  { value: 'adagrad', label: 'Adagrad' },
  { value: 'adamax', label: 'Adamax' },
];

/** The form offers one to three recurrent layers. */
export const MAX_LAYERS = 3;
/** And up to four dense layers before the output. */
export const MAX_DENSE_LAYERS = 4;

/** Spec paths with a field in the form; problems elsewhere are listed beside the form. */
export const FORM_PATHS = [
  'task',
  'name',
  'data.targetColumns',
  'data.timeColumn',
  'data.idColumn',
  'data.lookback',
  'data.horizon',
  'data.featureColumns',
  'data.knownFutureColumns',
  'data.targetTransform',
  'data.scaling',
  'data.missing',
  'data.seasonalPeriod',
  'data.split',
  'data.text',
  'model.cell',
  'model.layers',
  'model.activation',
  'model.recurrentActivation',
  'model.input',
  'model.embeddingDim',
  'model.denseLayers',
  'model.denseActivation',
  'model.outputActivation',
  'training.loss',
  'training.optimizer',
  'training.epochs',
  'training.batchSize',
  'training.earlyStopping',
  'training.reduceLrOnPlateau',
  'training.clip',
  'training.weightDecay',
  'training.weightAveraging',
  'training.seed',
  'training.ensemble',
];

/** What each target transform does, in the words shown under the choice. */
export const TARGET_TRANSFORM_HELP: Record<string, string> = {
  auto: 'Picks the base that forecasts best on rolling validation windows; a plain forecast that beats the trained network replaces it.',
  level: 'The network predicts the value itself. Good for series without a strong trend.',
  difference: 'The network predicts the change from the last value. Good for trending series.',
  'seasonal-residual': 'The network predicts the change from one season ago. Good for strong seasonal patterns.',
  'seasonal-profile':
    'The network corrects the seasonal profile: the recent level, the usual change per step and the usual pattern of the month (quarter, hour or weekday). Good for a stable season under noise; needs regular time stamps.',
  'exponential-smoothing':
    'The network corrects exponential smoothing (Holt-Winters: a smoothed level, trend and season, fitted on the training part). Good for seasons that grow with the level and for slowly changing trends.',
  arima:
    'The network corrects an ARIMA model: changes forecast from recent changes and errors, fitted on the training part. Good when changes carry momentum or revert.',
};

/** The covariate kinds, each in one sentence. */
export const COVARIATE_HELP = {
  past: 'Past-only: observed up to the forecast origin, e.g. measured temperature or yesterday’s sales; the model sees only their history.',
  known:
    'Known in advance: calendar, planned events, prices set ahead; the model receives their values for the steps it forecasts.',
};

/** A list of spec values offered as they are spelled (cells, activations). */
export function asOptions(values: readonly string[]): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: value }));
}
