/** `recurrent export`: writes a run's model as a TensorFlow.js folder, Keras file, ONNX file or bundle. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportModel } from '../../export/index';
import { EXPORT_FORMATS as FORMATS } from '../../shared/export-formats';
import { readRunResult } from '../../model-use/index';
import { requireCompleted } from '../../model-use/run-folder';
import { EXIT, type CliIo } from '../io';
import { usage } from './args';

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      run: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.run || !values.format || !values.out) {
    return usage(io, `recurrent export needs --run DIR, --format ${FORMATS.join('|')} and --out PATH.`);
  }
  const format = FORMATS.find((f) => f === values.format);
  if (!format) return usage(io, `--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  const runDir = path.resolve(values.run);
  await requireCompleted(runDir, await readRunResult(runDir));
  const { files } = await exportModel(path.join(runDir, 'model'), format, path.resolve(values.out));
  if (values.json) io.out(JSON.stringify({ format, files }));
  else io.out(`Exported the ${format} model:\n${files.map((f) => `  ${f}`).join('\n')}`);
  return EXIT.ok;
}
