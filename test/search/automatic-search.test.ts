import { describe, expect, it } from 'vitest';
import type { PreparedSeries } from '../../src-main/data/prepare/series';
import { CELL_PATH, TRANSFORM_PATH, WINDOW_PATH } from '../../src-main/search/automatic-candidates';
import { planAutomatic } from '../../src-main/search/automatic-plan';
import { automaticState, runAutomatic, type AutomaticDeps } from '../../src-main/search/automatic-search';
import type { StretchSquares } from '../../src-main/search/stretch-score';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { RunResult } from '../../src-main/shared/types';
import type { SearchState } from '../../src-main/shared/types-project';

/** Twenty years of a monthly series with a strong 12-month season and a gentle trend. */
function monthlySeries(length = 240): PreparedSeries {
  const target = Float64Array.from({ length }, (_, i) => 100 + 0.2 * i + 10 * Math.sin((2 * Math.PI * i) / 12));
  return {
    id: null,
    time: null,
    timeLabels: Array.from(target, (_, i) => String(i)),
    target,
    targetName: 'value',
    targets: [{ name: 'value', values: target }],
    features: [],
    frequency: 'monthly',
    notes: [],
  };
}

function spec(extra: Record<string, unknown> = {}): ExperimentSpec {
  const parsed = parseSpec({
    name: 'Production',
    data: { file: '/data/production.csv', targetColumns: ['value'], lookback: 24, seasonalPeriod: 12 },
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' '));
  return parsed.spec;
}

/**
 * Fake scoring whose cost is counted in clock steps (epochs × stretches) and whose error is set
 * by the candidate: GRU with the seasonal-residual target is clearly better than the rest.
 */
function fakeDeps(opts: { stepsPerEpoch?: number } = {}) {
  let clock = 0;
  const scored: { spec: ExperimentSpec; epochs: number; stretches: number }[] = [];
  const finals: { spec: ExperimentSpec; runId: string; verdict: string }[] = [];
  const deps: AutomaticDeps = {
    now: () => clock,
    score: async (s, stretches, epochs) => {
      scored.push({ spec: s, epochs, stretches: stretches.length });
      clock += (opts.stepsPerEpoch ?? 1) * epochs * stretches.length;
      const count = stretches.reduce((n, st) => n + st.length, 0);
      const good = s.model.cell === 'GRU' && s.data.targetTransform === 'seasonal-residual';
      const perPoint = good ? 1 : 4 + (s.data.lookback % 5) / 10;
      const squares: StretchSquares = { model: perPoint * count, naive: 16 * count, seasonal: 9 * count, count };
      return squares;
    },
    runFinal: async (s, runId, _signal, verdict) => {
      finals.push({ spec: s, runId, verdict });
      return { runId, status: 'completed', spec: s, history: [], error: null } as unknown as RunResult;
    },
  };
  return { deps, scored, finals, clock: () => clock };
}

describe('automatic search plan', () => {
  it('searches cell, size, window and transform on the rolling stretches of the validation part', () => {
    const plan = planAutomatic(monthlySeries(), spec());
    expect(plan.period).toBe(12);
    const cells = new Set(plan.candidates.map((c) => c.values[CELL_PATH]));
    expect(cells).toEqual(new Set(['LSTM', 'GRU', 'SimpleRNN']));
    const transforms = new Set(plan.candidates.map((c) => c.values[TRANSFORM_PATH]));
    expect(transforms).toEqual(
      new Set(['auto', 'difference', 'level', 'arima', 'seasonal-residual', 'exponential-smoothing']),
    );
    expect(new Set(plan.candidates.map((c) => c.values[WINDOW_PATH]))).toEqual(new Set([12, 13, 24, 48]));
    // The starting spec's own combination is scored first.
    expect(plan.candidates[0].values).toMatchObject({
      [CELL_PATH]: 'LSTM',
      [WINDOW_PATH]: 24,
      [TRANSFORM_PATH]: 'auto',
    });
    // Stretches: the validation origins first, each earlier one a whole span before it.
    expect(plan.stretches.length).toBeGreaterThanOrEqual(2);
    const span = plan.stretches[0].length;
    expect(plan.stretches[1][0]).toBe(plan.stretches[0][0] - span);
    expect(plan.rungs.map((r) => r.epochs)).toEqual([5, 15, 45]);
    expect(plan.rungs[0].stretches).toBe(1);
  });

  it('refuses tasks other than forecasts with a sentence', () => {
    const s = { ...spec(), task: 'text-classification' as const };
    expect(() => planAutomatic(monthlySeries(), s)).toThrow(/tunes forecasts/);
  });

  it('leaves the seasonal targets out for a series without a season', () => {
    const plan = planAutomatic(
      monthlySeries(),
      spec({ data: { file: '/d.csv', targetColumns: ['value'], seasonalPeriod: null } }),
    );
    // The fake monthly series has an obvious 12-step season, so detection finds it; a flat one does not.
    expect(plan.period).toBe(12);
    const flat = monthlySeries();
    flat.target = Float64Array.from(flat.target, (_, i) => 50 + 0.3 * i);
    flat.targets = [{ name: 'value', values: flat.target }];
    const noSeason = planAutomatic(
      flat,
      spec({ data: { file: '/d.csv', targetColumns: ['value'], seasonalPeriod: null } }),
    );
    expect(noSeason.period).toBeNull();
    expect(new Set(noSeason.candidates.map((c) => c.values[TRANSFORM_PATH]))).toEqual(
      new Set(['auto', 'difference', 'level', 'arima']),
    );
  });
});

describe('automatic search', () => {
  async function search(budgetSeconds: number, stepsPerEpoch = 1, base = spec()) {
    const plan = planAutomatic(monthlySeries(), base);
    const fake = fakeDeps({ stepsPerEpoch });
    const state = automaticState('search-1', plan, budgetSeconds);
    const updates: SearchState[] = [];
    await runAutomatic(plan, state, fake.deps, new AbortController().signal, (s) => updates.push(structuredClone(s)));
    return { plan, state, updates, ...fake };
  }

  it('prefers the clearly better candidate and ends in a run of it whose verdict says why', async () => {
    // A budget of 1000 s is 1,000,000 clock steps: every rung runs.
    const { state, finals, updates } = await search(1000);
    expect(state.status).toBe('completed');
    expect(finals).toHaveLength(1);
    const final = finals[0];
    expect(final.spec.model.cell).toBe('GRU');
    expect(final.spec.data.targetTransform).toBe('seasonal-residual');
    expect(state.bestRunId).toBe('search-1-final');
    expect(final.runId).toBe('search-1-final');
    // The verdict names what was searched, the winner, and its figures against both baselines.
    expect(final.verdict).toMatch(/cell, layer size, window and target transform/);
    expect(final.verdict).toMatch(/It chose GRU, \d+ units, window \d+, seasonal-residual target: RMSE 1 /);
    expect(final.verdict).toMatch(/naive 4 \(0\.25×\) and seasonal naive 3 \(0\.333×\)/);
    expect(state.verdict).toBe(final.verdict);
    // Progress went out live: the rung advanced and a best-so-far appeared before the final run.
    expect(updates.some((u) => u.automatic?.rung === 2)).toBe(true);
    const searching = updates.filter((u) => u.automatic?.phase === 'searching' && u.automatic.best);
    expect(searching.length).toBeGreaterThan(0);
    expect(updates.some((u) => u.automatic?.phase === 'final run')).toBe(true);
    expect(updates.at(-1)?.automatic?.phase).toBe('done');
    // Candidates that fell out early say after which rung; the winner's row names its final run.
    expect(state.rows.filter((r) => r.note === 'dropped after rung 1').length).toBeGreaterThan(0);
    expect(state.rows.find((r) => r.runId === 'search-1-final')?.note).toMatch(/^winner; final run of \d+ epochs/);
  });

  it('honours the budget in training steps and still returns the best finished candidate', async () => {
    // 1 s = 1000 steps; 100 steps per epoch: one rung-1 candidate on one stretch costs 500 steps.
    const { state, scored, finals, clock } = await search(10, 100);
    const searchBudget = 10 * 1000 * 0.7;
    const costs = scored.map((s) => 100 * s.epochs * s.stretches);
    // Only an evaluation started before the end may run past it.
    expect(clock()).toBeLessThanOrEqual(searchBudget + Math.max(...costs));
    expect(scored.length).toBeLessThan(state.total);
    expect(finals).toHaveLength(1);
    expect(state.status).toBe('completed');
    expect(state.verdict).toMatch(/budget 10 s/);
    // Never-scored candidates are marked, not left pending.
    expect(state.rows.some((r) => r.status === 'pending')).toBe(false);
    expect(state.rows.filter((r) => r.status === 'skipped').length).toBeGreaterThan(0);
  });

  it('gives the final run the epochs the rest of the budget pays for, within the spec', async () => {
    const roomy = await search(1000);
    expect(roomy.finals[0].spec.training.epochs).toBe(100);
    const tight = await search(10, 100);
    const epochs = tight.finals[0].spec.training.epochs;
    expect(epochs).toBeGreaterThanOrEqual(5);
    expect(epochs).toBeLessThan(100);
  });

  it('ranks an ensemble’s candidates as single networks and trains the winner as the ensemble asked for', async () => {
    const single = await search(10, 100);
    const { scored, finals, state } = await search(10, 100, spec({ training: { ensemble: 3 } }));
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.every((s) => s.spec.training.ensemble === 1)).toBe(true);
    // Ranking costs the same as for one network: the same candidates are scored within the budget.
    expect(scored.length).toBe(single.scored.length);
    expect(finals[0].spec.training.ensemble).toBe(3);
    // Three networks train one after another, so the rest of the budget pays for fewer epochs each.
    const epochs = finals[0].spec.training.epochs;
    expect(epochs).toBeLessThan(single.finals[0].spec.training.epochs);
    expect(epochs).toBeGreaterThanOrEqual(5);
    expect(state.verdict).toMatch(
      /Candidates were ranked as single networks; the final run trains the winner as the ensemble of 3 networks the spec asks for, forecasting their median\.$/,
    );
    expect(single.state.verdict).not.toMatch(/ensemble/);
    expect(state.rows.find((r) => r.runId === 'search-1-final')?.note).toMatch(/epochs on all the data, 3 networks$/);
  });

  it('cancels: no final run, the state says cancelled', async () => {
    const plan = planAutomatic(monthlySeries(), spec());
    const fake = fakeDeps();
    const controller = new AbortController();
    const score = fake.deps.score;
    fake.deps.score = async (...args) => {
      if (fake.scored.length === 3) controller.abort();
      return score(...args);
    };
    const state = automaticState('search-2', plan, 1000);
    await runAutomatic(plan, state, fake.deps, controller.signal, () => undefined);
    expect(state.status).toBe('cancelled');
    expect(fake.finals).toHaveLength(0);
    expect(fake.scored.length).toBe(4);
  });

  it('fails with a reason when no candidate can be scored', async () => {
    const plan = planAutomatic(monthlySeries(), spec());
    const fake = fakeDeps();
    fake.deps.score = async () => {
      throw new Error('no training windows');
    };
    const state = automaticState('search-3', plan, 1000);
    await runAutomatic(plan, state, fake.deps, new AbortController().signal, () => undefined);
    expect(state.status).toBe('failed');
    expect(state.verdict).toMatch(/No candidate could be trained/);
    expect(state.rows[0].note).toMatch(/no training windows/);
    expect(fake.finals).toHaveLength(0);
  });
});
