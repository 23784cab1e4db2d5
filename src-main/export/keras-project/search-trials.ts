/**
 * search/trials.json of a Keras training project: the candidates of the app's search plan, each
 * with its validated spec and the Keras architecture it builds (src-main/search/keras-trials.ts
 * expands them), so search.py only reads data and never interprets a plan or a setting path.
 */
import type { ExperimentSpec } from '../../shared/spec';
import type { SearchPlan } from '../../shared/types-project';

/** One trial of search/trials.json. */
export interface SearchTrial {
  index: number;
  name: string;
  values: Record<string, string | number | boolean>;
  spec: ExperimentSpec;
  /** The Keras config.json of the trial's network (model.py builds it like model/config.json). */
  config: unknown;
}

/** search/trials.json: the plan, its trials and the candidates the app skipped with the reason. */
export interface SearchTrials {
  plan: SearchPlan;
  trials: SearchTrial[];
  skipped: { values: Record<string, string | number | boolean>; reason: string }[];
}
