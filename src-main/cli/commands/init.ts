/** `recurrent init`: a complete spec for a data file, with the detected columns and defaults. */
import { usageError } from '../cli-errors';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadTable } from '../../data/import/load-table';
import { suggestSpec } from '../../experiment/suggest-spec';
import { withSeasons } from '../../forecast/seasons-summary';
import { TASKS, type Task } from '../../shared/spec';
import { EXIT, type CliIo } from '../io';

export async function runInit(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      target: { type: 'string' },
      time: { type: 'string' },
      task: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) {
    throw usageError(
      'recurrent init needs --data FILE (a CSV, TSV, XLSX or TXT file) or a folder of labeled texts or of pairs.',
    );
  }
  if (values.task && !(TASKS as readonly string[]).includes(values.task)) {
    throw usageError(`Unknown task "${values.task}". Tasks: ${TASKS.join(', ')}.`);
  }
  const { summary } = withSeasons(await loadTable(values.data));
  for (const p of summary.problems.filter((x) => x.severity !== 'info')) io.err(`${p.severity}: ${p.message}`);
  const spec = suggestSpec(summary, {
    target: values.target,
    time: values.time,
    task: values.task as Task | undefined,
  });
  const text = JSON.stringify(spec, null, 2);
  if (values.out) {
    await writeFile(values.out, `${text}\n`);
    io.err(`Wrote ${values.out}`);
  } else io.out(text);
  return EXIT.ok;
}
