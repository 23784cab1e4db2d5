/**
 * What each task's preparation hands to the shared build → train → evaluate → save steps of
 * a run: the batches, the model's sizes, the loss, and how to score and describe the result.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { Loss } from '../../shared/spec';
import type { Evaluation } from '../../shared/types';
import type { Tf } from '../../tensorflow/load-tf';
import type { BuiltModel, ModelDims } from '../model/model-builder';
import type { BatchSource } from '../training/batch-source';

export interface PreparedTask {
  source: BatchSource;
  dims: ModelDims;
  loss: Loss;
  /** Lines for the run's log: what was detected or decided while preparing. */
  notes: string[];
  /**
   * Scores the trained model on the held-out test part. `training.keptStart`: no epoch improved
   * the validation loss on the starting weights, so the model still holds them.
   */
  evaluate(tf: Tf, model: tfTypes.LayersModel, training?: { keptStart: boolean }): Evaluation;
  /** preprocessing.json for the saved model. */
  preprocessing(): PreprocessingFile;
  /** A task whose network is not the shared builder's (encoder–decoder) builds its own. */
  buildModel?(tf: Tf): BuiltModel;
}

/** The few numbers a run list shows for a finished run. */
export function headline(evaluation: Evaluation): Record<string, number> {
  switch (evaluation.kind) {
    case 'forecast': {
      // A global model's top-level metrics are its first series' (in that series' units): the run is
      // ranked by its score across every series instead.
      if (evaluation.global) return { scaledError: evaluation.global.aggregate.meanScaledError };
      const m = evaluation.metrics;
      const h: Record<string, number> = { rmse: m.rmse, mae: m.mae, r2: m.r2 };
      if (m.mape !== null) h.mape = m.mape;
      if (m.smape !== null) h.smape = m.smape;
      return h;
    }
    case 'classification': {
      const h: Record<string, number> = { accuracy: evaluation.accuracy, macroF1: evaluation.macroF1 };
      if (evaluation.auc !== null) h.auc = evaluation.auc;
      return h;
    }
    case 'sequence-to-sequence':
      return { exactMatch: evaluation.exactMatch, bleu: evaluation.bleu, cer: evaluation.cer };
    case 'generation':
      return evaluation.bleu === undefined
        ? { perplexity: evaluation.perplexity }
        : { perplexity: evaluation.perplexity, bleu: evaluation.bleu };
  }
}
