/** The choices the model form offers, with the words users see. */
import type { Loss, Task } from '../../src-main/shared/spec';

/** Tasks the engine trains end to end today; more join this list as they are supported. */
export const TASK_OPTIONS: { value: Task; label: string }[] = [{ value: 'forecast', label: 'Forecast a series' }];

export const LOSS_OPTIONS: { value: Loss; label: string }[] = [
  { value: 'mse', label: 'MSE (mean squared error)' },
  { value: 'mae', label: 'MAE (mean absolute error)' },
  { value: 'huber', label: 'Huber (robust to outliers)' },
];

export const OPTIMIZER_OPTIONS: { value: 'adam' | 'sgd' | 'rmsprop'; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum' },
  { value: 'rmsprop', label: 'RMSProp' },
];

/** The form offers one to three recurrent layers. */
export const MAX_LAYERS = 3;

/** Spec paths with a field in the form; problems elsewhere are listed beside the form. */
export const FORM_PATHS = [
  'task',
  'data.targetColumns',
  'data.timeColumn',
  'data.lookback',
  'data.horizon',
  'data.featureColumns',
  'data.targetTransform',
  'data.scaling',
  'data.missing',
  'data.seasonalPeriod',
  'data.split',
  'model.cell',
  'model.layers',
  'model.activation',
  'training.loss',
  'training.optimizer.name',
  'training.optimizer.learningRate',
  'training.epochs',
  'training.batchSize',
  'training.earlyStopping',
  'training.clip',
  'training.weightDecay',
  'training.seed',
];

/** What each target transform does, in the words shown under the choice. */
export const TARGET_TRANSFORM_HELP: Record<string, string> = {
  auto: 'Picks the transform that forecasts best on the validation split.',
  level: 'The network predicts the value itself. Good for series without a strong trend.',
  difference: 'The network predicts the change from the last value. Good for trending series.',
  'seasonal-residual': 'The network predicts the change from one season ago. Good for strong seasonal patterns.',
};
