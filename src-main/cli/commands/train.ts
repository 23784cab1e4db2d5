/** `recurrent train`: trains headless from a spec and writes the model, the spec and metrics.json. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTable } from '../../data/import/load-table';
import { checkTraining } from '../../experiment/training-checks';
import { findContinueSource, type ContinueSource } from '../../engine/training/continue-source';
import { runExperiment } from '../../experiment/run-experiment';
import { trainingTable } from '../../experiment/training-table';
import { readingProgress } from '../reading-progress';
import { TrainControl } from '../../engine/training/train-control';
import { MAX_ENSEMBLE, parseSpec, type ExperimentSpec } from '../../shared/spec';
import type { Table } from '../../data/table';
import type { RunResult } from '../../shared/types';
import { writeFileAtomic } from '../../storage/atomic-write';
import { CliError, usageError } from '../cli-errors';
import { EXIT, type CliIo } from '../io';
import { readJsonArg } from '../read-json-arg';
import { LogEcho, prepareOutDir, removeEmptyRun, runningMarker } from './train-run-folder';
import { formatProgress, metricsFile, summaryText, windowsLine } from './train-output';

export async function runTrain(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      spec: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      epochs: { type: 'string' },
      ensemble: { type: 'string' },
      series: { type: 'string' },
      'all-series': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'continue-from': { type: 'string' },
    },
    strict: true,
  });
  if (!values.spec || !values.out) {
    throw usageError(
      'recurrent train needs --spec SPEC.json and --out DIR. Make a spec with `recurrent init --data FILE`.',
    );
  }
  const raw = await readJsonArg(values.spec, 'spec');
  const input = (raw ?? {}) as { data?: Record<string, unknown>; training?: Record<string, unknown> };
  if (values.data) input.data = { ...(input.data ?? {}), file: path.resolve(values.data) };
  if (values.epochs) {
    const epochs = Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1) {
      throw usageError(`--epochs must be a whole number of at least 1, not "${values.epochs}".`);
    }
    input.training = { ...(input.training ?? {}), epochs };
  }
  if (values.ensemble) {
    const ensemble = Number(values.ensemble);
    if (!Number.isInteger(ensemble) || ensemble < 1 || ensemble > MAX_ENSEMBLE) {
      throw usageError(`--ensemble must be a whole number from 1 to ${MAX_ENSEMBLE}, not "${values.ensemble}".`);
    }
    input.training = { ...(input.training ?? {}), ensemble };
  }
  if (values.series !== undefined || values['all-series']) {
    const old = (input.data?.series ?? {}) as Record<string, unknown>;
    const series = values['all-series'] ? { scope: 'all', id: null } : { scope: 'one', id: values.series };
    input.data = { ...(input.data ?? {}), series: { ...old, ...series } };
  }
  const parsed = parseSpec(input);
  if (!parsed.ok) {
    throw usageError(`The spec ${values.spec} has problems: ${parsed.problems.map((p) => p.message).join(' ')}`);
  }
  const spec = parsed.spec;
  const { table, check } = await readForTraining(spec, io, values.json === true);
  if (check.problems.length > 0) {
    throw usageError(
      `The spec ${values.spec} cannot train on ${spec.data.file}: ${check.problems.map((p) => p.message).join(' ')}`,
    );
  }
  if (check.windows && !values.json) io.err(windowsLine(check.windows));
  for (const caution of check.cautions) io.err(caution);
  const outDir = path.resolve(values.out);
  const continueFrom = values['continue-from'] ? await continueSourceOf(path.resolve(values['continue-from'])) : null;
  if (values['continue-from'] && !continueFrom) {
    throw usageError(
      `${values['continue-from']} holds no saved model to continue from: give a run folder (with model/ or checkpoint/) or a model folder.`,
    );
  }
  const madeOutDir = await prepareOutDir(outDir);
  // Written first, so a run killed mid-training leaves what --continue-from needs and reads as interrupted.
  await writeFile(path.join(outDir, 'spec.json'), `${JSON.stringify(spec, null, 2)}\n`);
  await writeFileAtomic(path.join(outDir, 'run.json'), `${JSON.stringify(runningMarker(spec, outDir), null, 2)}\n`);

  const control = new TrainControl();
  const echo = new LogEcho(io);
  const onSignal = () => {
    io.err('Cancelling after the current batch…');
    control.cancel();
  };
  process.once('SIGINT', onSignal);
  let result: RunResult;
  try {
    result = await runExperiment(spec, {
      runId: path.basename(outDir),
      outDir,
      control,
      table,
      onProgress: (p) => {
        if (!values.json) echo.progress(formatProgress(p));
      },
      onEpoch: (e) => {
        if (values.json) io.out(JSON.stringify({ type: 'epoch', ...e }));
      },
      log: (line) => echo.line(line),
      ...(continueFrom
        ? {
            initialWeightsDir: continueFrom.dir,
            continuedFrom: { runId: continueFrom.runId, epochsTrained: continueFrom.epochsTrained },
          }
        : {}),
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  if (result.status !== 'completed') {
    // The error is the run's last log line: it is printed once, by the caller, not echoed here too.
    echo.finish(result.error);
    if (madeOutDir && result.history.length === 0) await removeEmptyRun(outDir);
    const exit = result.failedOn === 'input' ? EXIT.usage : EXIT.failed;
    const message = result.error ?? `The run ended as ${result.status}.`;
    throw new CliError({ exit, code: exit === EXIT.usage ? 'bad-input' : 'failed', message });
  }
  echo.finish(null);
  const metrics = metricsFile(result);
  await writeFile(path.join(outDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  if (values.json) io.out(JSON.stringify({ type: 'result', ...metrics }));
  else io.out(summaryText(result, outDir));
  return EXIT.ok;
}

/**
 * Reads the data file once, with the spec's options, and checks the spec against it. Returns
 * the columns the run reads (see trainingTable): once this returns, the others can be freed.
 */
async function readForTraining(
  spec: ExperimentSpec,
  io: CliIo,
  json: boolean,
): Promise<{ table: Table; check: ReturnType<typeof checkTraining> }> {
  const { table } = await loadTable(spec.data.file, {
    sheet: spec.data.sheet,
    typeOverrides: spec.data.columnTypes,
    timeParts: spec.data.timeParts,
    onProgress: readingProgress(io, json),
  });
  return { table: trainingTable(table, spec), check: checkTraining(table, spec) };
}

/** The saved model in a run folder (model/ or checkpoint/), or the folder itself when it is a model folder. */
async function continueSourceOf(dir: string): Promise<ContinueSource | null> {
  let run: Partial<RunResult> = {};
  try {
    run = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as Partial<RunResult>;
  } catch {
    // A plain model folder or a run whose run.json was lost: the weights still count.
  }
  const runId = typeof run.runId === 'string' ? run.runId : path.basename(dir);
  const epochs = Array.isArray(run.history) && run.history.length > 0 ? run.history.length : null;
  const found = await findContinueSource(runId, dir, path.join(dir, 'model'), epochs);
  if (found) return found;
  return (await stat(path.join(dir, 'model.json')).catch(() => null))?.isFile()
    ? { runId, dir, epochsTrained: null }
    : null;
}
