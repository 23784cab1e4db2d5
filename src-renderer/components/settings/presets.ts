/**
 * Starting points per task: each preset sets the task and the settings that usually train
 * well for it, and leaves the data columns the user chose alone.
 */
import { FORECAST_TRAINING_DEFAULTS } from '../../../src-main/shared/forecast-training';
import type { ExperimentSpec, Task } from '../../../src-main/shared/spec';

export interface Preset {
  id: string;
  label: string;
  task: Task;
  /** One line on what the preset is for. */
  blurb: string;
  apply(spec: ExperimentSpec): void;
}

function layers(spec: ExperimentSpec, count: number, units: number, dropout: number, bidirectional = false): void {
  spec.model.layers = Array.from({ length: count }, () => ({
    units,
    bidirectional,
    merge: 'concat' as const,
    dropout,
    recurrentDropout: 0,
  }));
}

function common(spec: ExperimentSpec, task: Task, learningRate: number, epochs: number, batchSize: number): void {
  spec.task = task;
  spec.model.outputActivation = null;
  spec.training.loss = null;
  spec.training.optimizer.name = 'adam';
  spec.training.optimizer.learningRate = learningRate;
  spec.training.epochs = epochs;
  spec.training.batchSize = batchSize;
  spec.training.earlyStopping = { enabled: true, patience: 10, restoreBest: true, minEpochs: 0 };
  spec.training.weightAveraging = { enabled: false, decay: FORECAST_TRAINING_DEFAULTS.weightAveragingDecay };
}

/**
 * Classifiers often start on a plateau at chance level (a negation only helps once its
 * interaction with the next word is learned): a long patience, a minimum of 20 epochs, and no
 * learning-rate halving while the loss is still flat.
 */
function classificationSchedule(spec: ExperimentSpec): void {
  spec.training.earlyStopping = { enabled: true, patience: 30, restoreBest: true, minEpochs: 20 };
  spec.training.reduceLrOnPlateau = { ...spec.training.reduceLrOnPlateau, enabled: false };
}

export const PRESETS: Preset[] = [
  {
    id: 'forecast',
    label: 'Forecast a series',
    task: 'forecast',
    blurb: 'One LSTM layer over the last 24 steps, target transform chosen on validation.',
    apply(spec) {
      common(spec, 'forecast', FORECAST_TRAINING_DEFAULTS.learningRate, 100, FORECAST_TRAINING_DEFAULTS.batchSize);
      spec.training.earlyStopping.patience = FORECAST_TRAINING_DEFAULTS.patience;
      spec.training.weightAveraging = { enabled: true, decay: FORECAST_TRAINING_DEFAULTS.weightAveragingDecay };
      spec.model.cell = 'LSTM';
      layers(spec, 1, 32, 0);
      spec.model.denseLayers = [];
      spec.data.lookback = 24;
      spec.data.targetTransform = 'auto';
      spec.data.scaling = 'standard';
    },
  },
  {
    id: 'sentiment',
    label: 'Classify sentiment',
    task: 'text-classification',
    blurb: 'Words into a 64-wide embedding, a bidirectional LSTM, one probability per class.',
    apply(spec) {
      common(spec, 'text-classification', 0.003, 100, 32);
      spec.model.cell = 'LSTM';
      layers(spec, 1, 64, 0.2, true);
      spec.model.input = 'embedding';
      spec.model.embeddingDim = 64;
      spec.model.denseLayers = [];
      spec.data.text = {
        ...spec.data.text,
        tokens: 'word',
        lowercase: true,
        vocabSize: 10_000,
        maxLength: 200,
        padding: 'pre',
        truncating: 'post',
      };
      classificationSchedule(spec);
    },
  },
  {
    id: 'generate',
    label: 'Generate text',
    task: 'text-generation',
    blurb: 'Characters one-hot into two LSTM layers that predict the next character.',
    apply(spec) {
      common(spec, 'text-generation', 0.002, 30, 64);
      spec.model.cell = 'LSTM';
      layers(spec, 2, 128, 0.1);
      spec.model.input = 'onehot';
      spec.model.denseLayers = [];
      spec.data.text = { ...spec.data.text, tokens: 'char', lowercase: false, vocabSize: 200, maxLength: 60 };
      spec.training.clip = { mode: 'norm', value: 5 };
      spec.training.earlyStopping.patience = 5;
    },
  },
  {
    id: 'sequences',
    label: 'Classify sequences',
    task: 'sequence-classification',
    blurb: 'A GRU reads each numeric window; a small dense head picks the class.',
    apply(spec) {
      common(spec, 'sequence-classification', 0.003, 100, 32);
      classificationSchedule(spec);
      spec.model.cell = 'GRU';
      layers(spec, 1, 64, 0.1);
      spec.model.denseLayers = [32];
      spec.model.denseActivation = 'relu';
      spec.data.scaling = 'standard';
    },
  },
];
