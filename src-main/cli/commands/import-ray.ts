/**
 * `recurrent import-ray`: the trials of a Ray Tune search that a training project's search.py ran,
 * each imported as a run folder and scored like a trained run; failed or damaged trials are
 * listed with the reason.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KerasImportError } from '../../export/keras-import/keras-import-error';
import { importKerasRun, readPreprocessingFile } from '../../export/keras-import/import-keras-run';
import { readRayResults, type RefusedTrial } from '../../export/keras-import/ray-results';
import { PreprocessingError } from '../../shared/preprocessing-schema';
import { CliError } from '../cli-errors';
import { EXIT, type CliIo } from '../io';
import { usage } from './args';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export async function runImportRay(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || !values.out) {
    return usage(io, 'recurrent import-ray needs the results folder of a Ray Tune search and --out DIR.');
  }
  const outDir = path.resolve(values.out);
  if (await exists(outDir)) return usage(io, `${outDir} already exists: give a new folder for the imported runs.`);
  const say = (line: string) => (values.json ? undefined : io.err(line));
  let found;
  try {
    found = await readRayResults(path.resolve(positionals[0]));
  } catch (err) {
    if (err instanceof KerasImportError)
      throw new CliError({ exit: EXIT.usage, code: 'bad-input', message: err.message });
    throw err;
  }
  const refused: RefusedTrial[] = [...found.refused];
  const imported: {
    trial: number;
    folder: string;
    runDir: string;
    headline: Record<string, number>;
    reported: object;
  }[] = [];
  for (const t of found.trials) {
    const runDir = path.join(outDir, `trial-${t.trial.index + 1}`);
    try {
      const pre = await readPreprocessingFile(t.preprocessingFile);
      const run = await importKerasRun(t.kerasFile, pre, runDir, say);
      imported.push({ trial: t.trial.index + 1, folder: t.folder, runDir, headline: run.headline, reported: t.result });
      say(`Trial ${t.trial.index + 1} (${t.trial.name}) → ${runDir}`);
    } catch (err) {
      if (!(err instanceof KerasImportError || err instanceof PreprocessingError)) throw err;
      refused.push({ folder: t.folder, reason: err.message });
    }
  }
  for (const r of refused) say(`Not imported: ${r.folder}: ${r.reason}`);
  if (values.json) io.out(JSON.stringify({ imported, refused }));
  else io.out(`Imported ${imported.length} of ${imported.length + refused.length} trials into ${outDir}.`);
  if (imported.length === 0) {
    throw new CliError({ exit: EXIT.usage, code: 'bad-input', message: 'No trial of the search could be imported.' });
  }
  return EXIT.ok;
}
