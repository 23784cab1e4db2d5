/**
 * The trials of a search plan for a training project's search.py: the app expands the plan (the
 * same JSON as `recurrent search`, the same candidates, each validated as a spec) and gives each
 * trial's spec with its Keras architecture, built as the app builds the network.
 */
import { buildModel, type ModelDims } from '../engine/model/model-builder';
import { planRuns, PlanError } from './expand-plan';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { ExperimentSpec } from '../shared/spec';
import type { SearchPlan } from '../shared/types-project';
import type { Tf } from '../tensorflow/load-tf';
import { kerasConfig } from '../export/keras-export';
import type { SearchTrial, SearchTrials } from '../export/keras-project/search-trials';
import { describeModel, UnsupportedModelError } from '../export/model-chain';

/** Spec settings a trial may change: the network, the training and the sizes the project prepares itself. */
const TRIAL_PATHS = [
  /^model\./,
  /^training\./,
  /^data\.lookback$/,
  /^data\.stride$/,
  /^data\.text\.(maxLength|vocabSize)$/,
];

/** Why a plan cannot run in a training project (a path the project does not reproduce), or null. */
export function searchPlanRefusal(plan: SearchPlan): string | null {
  const outside = plan.dimensions.map((d) => d.path).filter((p) => !TRIAL_PATHS.some((re) => re.test(p)));
  if (outside.length === 0) return null;
  return (
    `A training project searches the network, the training and the window or text length; ` +
    `${outside.map((p) => `"${p}"`).join(', ')} change${outside.length === 1 ? 's' : ''} how the data is prepared: search ${outside.length === 1 ? 'it' : 'them'} in the app.`
  );
}

function trialDims(pre: PreprocessingFile, spec: ExperimentSpec): ModelDims {
  if (pre.task === 'text-classification' && pre.text && pre.classes) {
    const t = spec.data.text;
    return {
      timesteps: t.maxLength,
      features: 1,
      outputs: 1,
      horizon: 1,
      vocabSize: pre.text.vocabulary.length,
      classCount: pre.classes.length,
    };
  }
  return { timesteps: spec.data.lookback, features: pre.inputs.length, outputs: 1, horizon: spec.data.horizon };
}

/** The Keras config of the network a spec describes, built as the app builds it (standard layers). */
function kerasConfigOfSpec(tf: Tf, spec: ExperimentSpec, dims: ModelDims): unknown {
  const { model } = buildModel(tf, spec, dims, { fused: false });
  try {
    const chain = describeModel(model.toJSON(undefined, false), (name) =>
      model
        .getLayer(name)
        .getWeights()
        .map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) })),
    );
    return kerasConfig(chain);
  } finally {
    model.dispose();
  }
}

/** Expands the plan over the run's spec; throws PlanError for a plan the project cannot run. */
export function searchTrials(tf: Tf, pre: PreprocessingFile, plan: SearchPlan): SearchTrials {
  const refusal = searchPlanRefusal(plan);
  if (refusal) throw new PlanError(refusal);
  const trials: SearchTrial[] = [];
  const skipped: SearchTrials['skipped'] = [];
  for (const candidate of planRuns(pre.spec, plan)) {
    if (!candidate.spec) {
      skipped.push({ values: candidate.values, reason: candidate.skipped ?? 'invalid' });
      continue;
    }
    try {
      const config = kerasConfigOfSpec(tf, candidate.spec, trialDims(pre, candidate.spec));
      trials.push({
        index: trials.length,
        name: candidate.spec.name,
        values: candidate.values,
        spec: candidate.spec,
        config,
      });
    } catch (err) {
      if (!(err instanceof UnsupportedModelError)) throw err;
      skipped.push({ values: candidate.values, reason: err.message });
    }
  }
  if (trials.length === 0)
    throw new PlanError('No candidate of the plan can train in Keras: see the reasons per candidate.');
  return { plan, trials, skipped };
}
