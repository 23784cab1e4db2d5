/** `recurrent export`: writes a run's model as a TensorFlow.js folder, Keras file, ONNX file or bundle. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportModel } from '../../export/index';
import { EXPORT_FORMATS as FORMATS } from '../../shared/export-formats';
import { readRunResult } from '../../model-use/index';
import { requireCompleted } from '../../model-use/run-folder';
import { EXIT, type CliIo } from '../io';
import { usage } from './args';
import { usageError } from '../cli-errors';
import { PlanError } from '../../search/expand-plan';
import { readPlan } from './search';
import { searchTrials } from '../../search/keras-trials';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { Tf } from '../../tensorflow/load-tf';

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      run: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      plan: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.run || !values.format || !values.out) {
    return usage(io, `recurrent export needs --run DIR, --format ${FORMATS.join('|')} and --out PATH.`);
  }
  const format = FORMATS.find((f) => f === values.format);
  if (!format) return usage(io, `--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  if (values.plan && format !== 'keras-project') {
    return usage(io, '--plan goes with --format keras-project: it writes the trials of search.py.');
  }
  const plan = values.plan ? await readPlan(values.plan) : undefined;
  const runDir = path.resolve(values.run);
  await requireCompleted(runDir, await readRunResult(runDir));
  let files: string[];
  try {
    const trialsFor = plan ? (tf: Tf, pre: PreprocessingFile) => searchTrials(tf, pre, plan) : undefined;
    ({ files } = await exportModel(path.join(runDir, 'model'), format, path.resolve(values.out), { trialsFor }));
  } catch (err) {
    if (err instanceof PlanError) throw usageError(err.message);
    throw err;
  }
  if (values.json) io.out(JSON.stringify({ format, files }));
  else io.out(`Exported the ${format} model:\n${files.map((f) => `  ${f}`).join('\n')}`);
  return EXIT.ok;
}
