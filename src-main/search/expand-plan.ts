/**
 * Turning a search plan into the specs to train: every combination of the values (grid, up
 * to maxRuns) or seeded random draws (random). Each candidate is validated with parseSpec;
 * an invalid combination becomes a skipped row with the reason, never a crash.
 */
import { seededRandom } from '../engine/training/seeded-random';
import { parseSpec, type ExperimentSpec, type ExperimentSpecInput } from '../shared/spec';
import type { SearchDimension, SearchPlan } from '../shared/types-project';
import { LAYER_COUNT_PATH, setSpecPath, type PlanValue } from './spec-paths';
import { messageOf } from '../shared/error-message';

/** Points a grid takes from a dimension given as a range. */
export const GRID_RANGE_POINTS = 3;

/** One candidate of a search. */
export interface PlannedRun {
  /** The values tried, by path. */
  values: Record<string, PlanValue>;
  /** The complete spec, or null when the combination is invalid. */
  spec: ExperimentSpec | null;
  /** Why the combination was skipped. */
  skipped: string | null;
}

/** A plan that cannot be expanded at all (as opposed to single invalid combinations). */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Every candidate of the plan, valid or skipped, in order. */
export function planRuns(baseSpec: ExperimentSpec, plan: SearchPlan): PlannedRun[] {
  checkPlan(plan);
  // The layer count goes first so that per-layer paths see the final number of layers.
  const dims = [...plan.dimensions].sort((a, b) => rank(a) - rank(b));
  const combos = plan.mode === 'grid' ? gridCombos(dims, plan.maxRuns) : randomCombos(dims, plan.maxRuns, plan.seed);
  return combos.map((values, i) => candidate(baseSpec, values, i));
}

/** The valid specs of the plan, in order (skipped combinations left out). */
export function expandPlan(baseSpec: ExperimentSpec, plan: SearchPlan): ExperimentSpecInput[] {
  return planRuns(baseSpec, plan).flatMap((r) => (r.spec ? [r.spec] : []));
}

/** How many combinations a grid holds before the maxRuns cap. */
export function gridSize(plan: SearchPlan): number {
  return plan.dimensions.reduce((n, d) => n * gridValues(d).length, 1);
}

function rank(d: SearchDimension): number {
  return d.path === LAYER_COUNT_PATH ? 0 : 1;
}

function checkPlan(plan: SearchPlan): void {
  if (plan.dimensions.length === 0) throw new PlanError('Add at least one setting to search over.');
  const seen = new Set<string>();
  for (const d of plan.dimensions) {
    if (seen.has(d.path)) throw new PlanError(`"${d.path}" appears twice in the plan.`);
    seen.add(d.path);
    if (!d.values?.length && !d.range) throw new PlanError(`Give "${d.path}" a list of values or a range.`);
    if (d.range) {
      const { min, max, log } = d.range;
      if (!(min <= max)) throw new PlanError(`The range of "${d.path}" must have min ≤ max.`);
      if (log && min <= 0) throw new PlanError(`A log range for "${d.path}" needs a min above 0.`);
    }
  }
}

function gridValues(d: SearchDimension): PlanValue[] {
  if (d.values?.length) return d.values;
  const { min, max, log, integer } = d.range!;
  const points = Array.from({ length: GRID_RANGE_POINTS }, (_, i) => {
    const t = i / (GRID_RANGE_POINTS - 1);
    return tidy(log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min), integer);
  });
  return [...new Set(points)];
}

function gridCombos(dims: SearchDimension[], maxRuns: number): Record<string, PlanValue>[] {
  const lists = dims.map(gridValues);
  const total = lists.reduce((n, l) => n * l.length, 1);
  // Decoded from the run number (last dimension varies fastest), so a huge grid is never built whole.
  return Array.from({ length: Math.min(total, maxRuns) }, (_, run) => {
    const combo: Record<string, PlanValue> = {};
    let rest = run;
    for (let d = dims.length - 1; d >= 0; d--) {
      combo[dims[d].path] = lists[d][rest % lists[d].length];
      rest = Math.floor(rest / lists[d].length);
    }
    return Object.fromEntries(dims.map((d) => [d.path, combo[d.path]]));
  });
}

function randomCombos(dims: SearchDimension[], runs: number, seed: number): Record<string, PlanValue>[] {
  const random = seededRandom(seed);
  return Array.from({ length: runs }, () => {
    const combo: Record<string, PlanValue> = {};
    for (const d of dims) {
      if (d.values?.length) {
        combo[d.path] = d.values[Math.min(d.values.length - 1, Math.floor(random() * d.values.length))];
      } else {
        const { min, max, log, integer } = d.range!;
        const u = random();
        const x = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
        combo[d.path] = tidy(x, integer);
      }
    }
    return combo;
  });
}

/** Whole numbers for integer ranges; four significant digits otherwise, so names stay readable. */
function tidy(x: number, integer: boolean): number {
  return integer ? Math.round(x) : Number(x.toPrecision(4));
}

function candidate(base: ExperimentSpec, values: Record<string, PlanValue>, index: number): PlannedRun {
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  try {
    for (const [path, value] of Object.entries(values)) setSpecPath(draft, path, value);
  } catch (err) {
    return { values, spec: null, skipped: messageOf(err) };
  }
  const label = Object.entries(values)
    .map(([path, v]) => `${path.split('.').at(-1)}=${String(v)}`)
    .join(', ');
  draft.name = `${base.name} #${index + 1} (${label})`.slice(0, 200);
  const parsed = parseSpec(draft);
  if (!parsed.ok) {
    return { values, spec: null, skipped: parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  }
  return { values, spec: parsed.spec, skipped: null };
}
