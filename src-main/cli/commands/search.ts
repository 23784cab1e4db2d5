/**
 * `recurrent search`: trains every candidate of a search plan in-process, one after another,
 * and reports the best by validation score. Each run gets DIR/<runId>/ (model, run.json);
 * DIR/search.json holds the final table.
 */
import { usageError } from '../cli-errors';
import { readJsonArg } from '../read-json-arg';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runExperiment } from '../../experiment/run-experiment';
import { TrainControl } from '../../engine/training/train-control';
import { SearchRunner } from '../../search/search-runner';
import { requestArgs } from '../../shared/contract';
import type { SearchPlan, SearchState } from '../../shared/types-project';
import { EXIT, type CliIo } from '../io';
import { finishSearch } from './search-finish';
import { formatProgress } from './train-output';
import { messageOf } from '../../shared/error-message';
import { runAutomaticSearch } from './search-automatic';

const planSchema = requestArgs['search.start'].shape.plan;

/** Reads and checks a search plan file (also the plan of a Keras training project's search.py). */
export async function readPlan(file: string): Promise<SearchPlan> {
  const parsedPlan = planSchema.safeParse(await readJsonArg(file, 'plan'));
  if (!parsedPlan.success) {
    const listed = parsedPlan.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`).join('; ');
    throw usageError(`The plan ${file} has problems: ${listed}.`);
  }
  return parsedPlan.data;
}

/**
 * Runs `recurrent search --spec SPEC.json --plan PLAN.json --out DIR [--json]`, or the automatic
 * search with `--automatic --budget TIME` instead of a plan; returns the exit code.
 */
export async function runSearch(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      spec: { type: 'string' },
      plan: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      automatic: { type: 'boolean', default: false },
      budget: { type: 'string' },
    },
    strict: true,
  });
  if (values.automatic) {
    if (!values.spec || !values.out || values.plan) {
      throw usageError(
        'recurrent search --automatic needs --spec SPEC.json, --budget TIME and --out DIR; it makes its own plan, so leave out --plan.',
      );
    }
    const spec = await readJsonArg(values.spec, 'spec');
    return runAutomaticSearch(spec, values.budget ?? '2m', path.resolve(values.out), values.json, io);
  }
  if (values.budget !== undefined) throw usageError('--budget belongs to --automatic searches.');
  if (!values.spec || !values.plan || !values.out) {
    throw usageError(
      'recurrent search needs --spec SPEC.json, --plan PLAN.json and --out DIR (or --automatic with --budget TIME).',
    );
  }
  const spec = await readJsonArg(values.spec, 'spec');
  const plan = await readPlan(values.plan);
  const outDir = path.resolve(values.out);
  await mkdir(outDir, { recursive: true });
  const json = values.json;

  let reported = 0;
  const runner = new SearchRunner({
    runOne: (runSpec, runId, signal) => {
      const control = new TrainControl();
      signal.addEventListener('abort', () => control.cancel(), { once: true });
      return runExperiment(runSpec, {
        runId,
        outDir: path.join(outDir, runId),
        control,
        onProgress: (p) => {
          if (!json) io.err(`${runId} ${formatProgress(p)}`);
        },
        onEpoch: () => undefined,
        log: (line) => {
          if (!json) io.err(`${runId} ${line}`);
        },
      });
    },
    // Prints each row once, when it reaches a final status.
    onUpdate: (state) => {
      for (; reported < state.rows.length; reported++) {
        const row = state.rows[reported];
        if (row.status === 'pending' || row.status === 'running') break;
        if (json) io.out(JSON.stringify({ type: 'row', index: reported, ...row }));
        else io.err(rowLine(reported, row, state.metric));
      }
    },
  });

  let started;
  try {
    started = runner.start(spec, plan);
  } catch (err) {
    throw usageError(messageOf(err));
  }
  const final = await finishSearch(runner, started, outDir, io, {
    json,
    cancelLine: 'Cancelling the search after the current batch…',
  });
  if (!json) io.out(summary(final, outDir));
  return final.bestRunId ? EXIT.ok : EXIT.failed;
}

function rowLine(index: number, row: SearchState['rows'][number], metric: string): string {
  const values = Object.entries(row.values)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const score = row.score === null ? '' : `  ${metric} ${row.score.toPrecision(4)}`;
  return `#${index + 1} ${row.status}  ${values}${score}${row.note ? `  (${row.note})` : ''}`;
}

function summary(state: SearchState, outDir: string): string {
  const lines = [`Search ${state.status}: ${state.done} of ${state.total} candidates done.`];
  if (state.verdict) lines.push(state.verdict);
  const best = state.rows.find((r) => r.runId === state.bestRunId);
  if (best) {
    const values = Object.entries(best.values)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    lines.push(`Best: ${best.runId} (${values}) with ${state.metric} ${best.score?.toPrecision(4)}.`);
  } else {
    lines.push('No run finished with a validation score.');
  }
  lines.push(`Runs and search.json written to ${outDir}`);
  return lines.join('\n');
}
