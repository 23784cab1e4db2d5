/** Reading a JSON file named on the command line (a spec, a search plan), within a size limit. */
import { readUserFile, UserFileError } from '../storage/user-file';
import { usageError } from './cli-errors';

/** Specs and plans are a few kilobytes; this only stops a device or a wrong file from being read whole. */
const MAX_JSON_ARG_BYTES = 16 * 1024 * 1024;

/** The parsed file; throws a usage error (exit 2) naming the file when it cannot be read or parsed. */
export async function readJsonArg(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = (await readUserFile(file, { what, maxBytes: MAX_JSON_ARG_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof UserFileError) throw usageError(`Cannot read the ${what}: ${error.message}`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usageError(`The ${what} ${file} is not valid JSON (${(error as Error).message}).`);
  }
}
