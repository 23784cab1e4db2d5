/** `recurrent predict`: forecasts for every window of a new file, written as CSV. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTf } from '../../tensorflow/load-tf';
import { predictFile } from '../../model-use/index';
import { EXIT, type CliIo } from '../io';
import { usage } from './args';

export async function runPredict(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      run: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.run || !values.data) return usage(io, 'recurrent predict needs --run DIR and --data FILE.');
  const { tf } = await loadTf();
  const result = await predictFile(
    tf,
    path.resolve(values.run),
    path.resolve(values.data),
    values.out ? path.resolve(values.out) : undefined,
  );
  if (values.json) {
    io.out(JSON.stringify(result));
    return EXIT.ok;
  }
  const lines = [`${result.rows} forecast rows written to ${result.file}.`, ...result.problems];
  lines.push(result.header.join('\t'), ...result.preview.slice(0, 5).map((r) => r.join('\t')));
  io.out(lines.join('\n'));
  return EXIT.ok;
}
