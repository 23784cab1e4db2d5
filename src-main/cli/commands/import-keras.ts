/** `recurrent import-keras`: a Keras 3 .keras model as a run folder, scored like a trained run. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KerasImportError } from '../../export/keras-import/keras-import-error';
import { importKerasRun, readPreprocessingFile } from '../../export/keras-import/import-keras-run';
import { CliError } from '../cli-errors';
import { EXIT, type CliIo } from '../io';
import { fmt, usage } from './args';

export async function runImportKeras(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      preprocessing: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || !values.out) {
    return usage(io, 'recurrent import-keras needs MODEL.keras and --out DIR (and --preprocessing FILE.json).');
  }
  const kerasFile = path.resolve(positionals[0]);
  // A training project writes preprocessing.json beside model.keras.
  const prepFile = path.resolve(values.preprocessing ?? path.join(path.dirname(kerasFile), 'preprocessing.json'));
  const outDir = path.resolve(values.out);
  if (
    await access(outDir).then(
      () => true,
      () => false,
    )
  ) {
    return usage(io, `${outDir} already exists: give a new folder for the imported run.`);
  }
  try {
    const pre = await readPreprocessingFile(prepFile);
    const run = await importKerasRun(kerasFile, pre, outDir, (line) => (values.json ? undefined : io.err(line)));
    const ev = run.evaluation;
    if (values.json) io.out(JSON.stringify({ runId: run.runId, runDir: outDir, headline: run.headline }));
    else if (ev && ev.kind === 'forecast') {
      io.out(
        `Imported ${kerasFile} as the run ${outDir}: test RMSE ${fmt(ev.metrics.rmse)} (naive ${fmt(ev.baselines.naive.rmse)}).`,
      );
    } else io.out(`Imported ${kerasFile} as the run ${outDir}.`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof KerasImportError)
      throw new CliError({ exit: EXIT.usage, code: 'bad-input', message: err.message });
    throw err;
  }
}
