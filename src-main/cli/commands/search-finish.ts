/** The end every `recurrent search` shares: Ctrl-C cancels, DIR/search.json is written, --json gets the result line. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SearchRunner, StartedSearch } from '../../search/search-runner';
import type { SearchState } from '../../shared/types-project';
import type { CliIo } from '../io';

/** Waits for the search (Ctrl-C cancels it), writes search.json into `outDir` and returns the final state. */
export async function finishSearch(
  runner: SearchRunner,
  started: StartedSearch,
  outDir: string,
  io: CliIo,
  opts: { json: boolean; cancelLine: string },
): Promise<SearchState> {
  const onSignal = () => {
    io.err(opts.cancelLine);
    runner.cancel(started.searchId);
  };
  process.once('SIGINT', onSignal);
  let final: SearchState;
  try {
    final = await started.done;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  await writeFile(path.join(outDir, 'search.json'), `${JSON.stringify(final, null, 2)}\n`);
  if (opts.json) io.out(JSON.stringify({ type: 'result', ...final }));
  return final;
}
