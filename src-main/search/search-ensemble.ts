/**
 * Searches and forecast ensembles: candidates are ranked as single networks (an ensemble of N
 * would take N times as long to rank the same settings), and only the automatic search's final
 * run of the winner trains the ensemble the spec asks for. The sentences here tell the analyst so.
 */
import type { ExperimentSpec } from '../shared/spec';
import type { SearchPlan } from '../shared/types-project';

/** The path a search plan varies the ensemble size by; a plan that names it ranks the sizes it lists. */
export const ENSEMBLE_PATH = 'training.ensemble';

/** The spec with its candidates training one network each (the spec itself when it asks for one). */
export function singleNetworkSpec(spec: ExperimentSpec): ExperimentSpec {
  return spec.training.ensemble === 1 ? spec : { ...spec, training: { ...spec.training, ensemble: 1 } };
}

/**
 * The spec a search plan's runs start from, and the note that says why they train one network
 * when the spec asks for an ensemble (null otherwise). A plan that varies the ensemble size
 * itself ranks the sizes it lists, so nothing is said.
 */
export function planBase(spec: ExperimentSpec, plan: SearchPlan): { spec: ExperimentSpec; note: string | null } {
  const n = spec.training.ensemble;
  const note = n === 1 || plan.dimensions.some((d) => d.path === ENSEMBLE_PATH) ? null : gridEnsembleNote(n);
  return { spec: singleNetworkSpec(spec), note };
}

function gridEnsembleNote(n: number): string {
  return `The spec asks for an ensemble of ${n} networks; each run of the search trains one network, so ranking takes 1/${n} of the time. Train the best run's settings with an ensemble size of ${n} for the model to keep.`;
}

/** The automatic search's sentence about an ensemble: ranked as single networks, the final run as the ensemble. */
export function automaticEnsembleNote(n: number): string | null {
  if (n === 1) return null;
  return `Candidates were ranked as single networks; the final run trains the winner as the ensemble of ${n} networks the spec asks for, forecasting their median.`;
}
