/**
 * Preprocessing reused from a saved model when a run continues training: the saved scalers,
 * target transform, vocabulary and classes replace the ones a new run would fit, so the
 * saved weights keep their meaning. Each helper throws a plain message when the data no
 * longer fits what the model was trained on.
 */
import type { ScalerState } from '../../../data/prepare/scaler';
import type { TargetTransformPlan } from '../../../forecast/target-transform';
import { copyArima } from '../../../forecast/arima';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { WarmStartError } from '../../training/warm-start';

/** The saved forecast target transform as a plan. */
export function savedTargetPlan(saved: PreprocessingFile): TargetTransformPlan {
  const target = requireTarget(saved);
  return {
    kind: target.transform,
    period: target.period,
    reason: `${describeTransform(target.transform, target.period)} (kept from the saved model).`,
    ...(target.profile ? { profile: { ...target.profile, offset: 0 } } : {}),
    ...(target.smoothing ? { smoothing: { ...target.smoothing } } : {}),
    ...(target.arima ? { arima: copyArima(target.arima) } : {}),
    ...(target.plain ? { plain: true } : {}),
  };
}

/** The saved scaler of the forecast target. */
export function savedTargetScaler(saved: PreprocessingFile): ScalerState {
  return { ...requireTarget(saved).scaler };
}

/**
 * The saved scaler of input `index`, named `name` in the new data. The inputs must be the same
 * columns in the same order as when the model was trained.
 */
export function savedInputScaler(saved: PreprocessingFile, name: string, index: number, count: number): ScalerState {
  if (saved.inputs.length !== count) {
    throw new WarmStartError(
      `The saved model reads ${saved.inputs.length} inputs (${saved.inputs.map((i) => `'${i.name}'`).join(', ')}), but the spec gives it ${count}. Use the same input columns to continue training.`,
    );
  }
  const expected = saved.inputs[index];
  if (expected.name !== name) {
    throw new WarmStartError(
      `Input ${index + 1} of the saved model is '${expected.name}', but the spec gives '${name}' there. Use the same input columns to continue training.`,
    );
  }
  return { ...expected.scaler };
}

/** The saved vocabulary of a text model. */
export function savedVocabulary(saved: PreprocessingFile): string[] {
  if (!saved.text) throw new WarmStartError('The saved model has no vocabulary, so it cannot continue on text.');
  return saved.text.vocabulary;
}

/**
 * Maps class indices of the new data onto the saved model's class order. Labels the saved
 * model never saw cannot be learned by its output layer, so they are refused.
 */
export function savedClassOrder(
  saved: PreprocessingFile,
  found: { indices: Int32Array; classes: string[] },
): { indices: Int32Array; classes: string[] } {
  const classes = saved.classes;
  if (!classes) throw new WarmStartError('The saved model has no class list, so it cannot continue on classification.');
  const position = new Map(classes.map((c, i) => [c, i]));
  const unknown = found.classes.filter((c) => !position.has(c));
  if (unknown.length > 0) {
    throw new WarmStartError(
      `The data has labels the saved model was not trained on (${unknown
        .slice(0, 5)
        .map((c) => `'${c}'`)
        .join(', ')}). Continuing training needs the same classes: train from scratch to add new ones.`,
    );
  }
  const remap = found.classes.map((c) => position.get(c) ?? -1);
  const indices = Int32Array.from(found.indices, (i) => (i >= 0 ? remap[i] : i));
  return { indices, classes: [...classes] };
}

function requireTarget(saved: PreprocessingFile): NonNullable<PreprocessingFile['target']> {
  if (!saved.target)
    throw new WarmStartError('The saved model has no forecast target, so it cannot continue a forecast.');
  return saved.target;
}

function describeTransform(kind: TargetTransformPlan['kind'], period: number | null): string {
  if (kind === 'level') return 'the network learns the value itself';
  if (kind === 'difference') return 'the network learns the change from the last value';
  if (kind === 'exponential-smoothing')
    return 'the network learns the correction to exponential smoothing (level, trend and season smoothed from the history)';
  if (kind === 'arima') return 'the network learns the correction to an ARIMA model fitted on the training part';
  if (kind === 'seasonal-profile')
    return 'the network learns the correction to the seasonal profile (recent level, drift and the usual seasonal pattern)';
  return `the network learns the difference from the same step one season (${period ?? '?'} steps) earlier`;
}
