/** Optimizers from the spec, and the learning-rate change reduce-on-plateau needs. */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../shared/spec';
import type { Tf } from '../../tensorflow/load-tf';
import { createFlatAdam } from '../model/fused/flat-adam';

/** Creates the optimizer the spec names, with its parameters. */
export function createOptimizer(tf: Tf, o: ExperimentSpec['training']['optimizer']): tfTypes.Optimizer {
  switch (o.name) {
    case 'sgd':
      return o.momentum > 0 ? tf.train.momentum(o.learningRate, o.momentum, o.nesterov) : tf.train.sgd(o.learningRate);
    case 'adam':
      // Same arithmetic as tf.train.adam in far fewer backend calls per step.
      return createFlatAdam(tf, o.learningRate, o.beta1, o.beta2, o.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(o.learningRate, o.rho, 0, o.epsilon);
    case 'adagrad':
      return tf.train.adagrad(o.learningRate);
    case 'adamax':
      return tf.train.adamax(o.learningRate, o.beta1, o.beta2, o.epsilon);
  }
}

interface HasLearningRate {
  learningRate: number;
  setLearningRate?: (lr: number) => void;
}

/** Changes the learning rate of a live optimizer, keeping its accumulated state. */
export function setLearningRate(optimizer: tfTypes.Optimizer, lr: number): void {
  // tfjs optimizers keep the rate in a field read at every update; SGD-style ones also cache
  // it as a scalar, which their setter refreshes.
  const o = optimizer as unknown as HasLearningRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
