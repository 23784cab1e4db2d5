/**
 * The name each spec field has in the forms, so problems read "Layer 1 units must be at least 1"
 * instead of "model.layers.0.units: Too small". The CLI uses the same words.
 */

/** Labels by dotted path; `#` stands for a list position. */
const LABELS: Record<string, string> = {
  name: 'Experiment name',
  task: 'Task',
  version: 'Spec version',
  data: 'Data settings',
  'data.file': 'Data file',
  'data.sheet': 'Sheet',
  'data.columnTypes': 'Column types',
  'data.timeColumn': 'Time column',
  'data.idColumn': 'Series id column',
  'data.targetColumns': 'Target column',
  'data.targetColumns.#': 'Target column',
  'data.featureColumns': 'Past-only input columns',
  'data.featureColumns.#': 'Past-only input column',
  'data.knownFutureColumns': 'Known-future columns',
  'data.knownFutureColumns.#': 'Known-future column',
  'data.calendarFeatures': 'Calendar features',
  'data.missing': 'Missing values',
  'data.scaling': 'Scaling',
  'data.targetTransform': 'Target transform',
  'data.seasonalPeriod': 'Seasonal period',
  'data.lookback': 'Window (lookback)',
  'data.horizon': 'Horizon',
  'data.stride': 'Stride',
  'data.split': 'Validation and test shares',
  'data.split.validation': 'Validation share',
  'data.split.test': 'Test share',
  'data.text': 'Text settings',
  'data.text.column': 'Text column',
  'data.text.tokens': 'Tokens',
  'data.text.lowercase': 'Lowercase',
  'data.text.vocabSize': 'Vocabulary size',
  'data.text.maxLength': 'Text length',
  'data.text.padding': 'Padding',
  'data.text.truncating': 'Truncating',
  model: 'Network settings',
  'model.cell': 'Cell type',
  'model.layers': 'Recurrent layers',
  'model.activation': 'Activation',
  'model.recurrentActivation': 'Recurrent activation',
  'model.input': 'Token input',
  'model.embeddingDim': 'Embedding size',
  'model.denseLayers': 'Dense layers',
  'model.denseActivation': 'Dense activation',
  'model.outputActivation': 'Output activation',
  training: 'Training settings',
  'training.loss': 'Loss',
  'training.optimizer': 'Optimizer',
  'training.optimizer.name': 'Optimizer',
  'training.optimizer.learningRate': 'Learning rate',
  'training.optimizer.momentum': 'Momentum',
  'training.optimizer.nesterov': 'Nesterov momentum',
  'training.optimizer.beta1': 'Beta 1',
  'training.optimizer.beta2': 'Beta 2',
  'training.optimizer.rho': 'Rho',
  'training.optimizer.epsilon': 'Epsilon',
  'training.epochs': 'Epochs',
  'training.batchSize': 'Batch size',
  'training.weightDecay': 'Weight decay',
  'training.clip': 'Gradient clipping',
  'training.clip.mode': 'Gradient clipping',
  'training.clip.value': 'Clipping threshold',
  'training.earlyStopping': 'Early stopping',
  'training.earlyStopping.enabled': 'Early stopping',
  'training.earlyStopping.patience': 'Early stopping patience',
  'training.earlyStopping.restoreBest': 'Restore the best weights',
  'training.weightAveraging': 'Weight averaging',
  'training.weightAveraging.enabled': 'Weight averaging',
  'training.weightAveraging.decay': 'Weight averaging decay',
  'training.reduceLrOnPlateau': 'Learning-rate reduction',
  'training.reduceLrOnPlateau.enabled': 'Learning-rate reduction',
  'training.reduceLrOnPlateau.patience': 'Learning-rate reduction patience',
  'training.reduceLrOnPlateau.factor': 'Learning-rate reduction factor',
  'training.reduceLrOnPlateau.minLearningRate': 'Minimum learning rate',
  'training.seed': 'Random seed',
  'training.fused': 'Fused native kernels',
  'training.ensemble': 'Ensemble size',
};

/** Per-layer fields, labelled with the layer's position counted from 1. */
const LAYER_FIELDS: Record<string, string> = {
  units: 'units',
  bidirectional: 'bidirectional',
  merge: 'merge mode',
  dropout: 'dropout',
  recurrentDropout: 'recurrent dropout',
};

/**
 * The form label of a spec field from its path (segments or dotted), e.g. "model.layers.0.units"
 * → "Layer 1 units". Unknown paths fall back to their last words, never to the raw path.
 */
export function fieldLabel(path: string | readonly PropertyKey[]): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter((p) => p !== '');
  if (parts.length === 0) return 'The experiment settings';
  if (parts[0] === 'model' && parts[1] === 'layers' && parts.length >= 3 && /^\d+$/.test(parts[2])) {
    const layer = `Layer ${Number(parts[2]) + 1}`;
    return parts.length === 3 ? layer : `${layer} ${LAYER_FIELDS[parts[3]] ?? words(parts[3])}`;
  }
  if (parts[0] === 'model' && parts[1] === 'denseLayers' && parts.length === 3 && /^\d+$/.test(parts[2])) {
    return `Dense layer ${Number(parts[2]) + 1} units`;
  }
  const key = parts.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('.');
  return LABELS[key] ?? capitalised(words(parts.at(-1) ?? ''));
}

/** "recurrentDropout" → "recurrent dropout". */
function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
