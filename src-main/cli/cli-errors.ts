/**
 * The one place a CLI error becomes output: a single message (or, with --json, a single JSON
 * object on stdout) and an exit code from the documented set: 2 for bad usage or bad input
 * (the user can fix the command, the file or the folder), 1 for a run that failed.
 */
import { DataError } from '../data/data-error';
import { ModelFolderError } from '../engine/model/model-folder';
import { RunFolderError } from '../model-use/run-folder';
import { PreprocessingError } from '../shared/preprocessing-schema';
import { fsErrorSentence } from '../storage/fs-error-sentence';
import { UserFileError } from '../storage/user-file';
import { EXIT, type CliIo } from './io';

/** What went wrong, as printed. */
export interface CliFailure {
  exit: (typeof EXIT)['usage'] | (typeof EXIT)['failed'];
  /** A stable word for scripts: usage, bad-input, io, failed. */
  code: 'usage' | 'bad-input' | 'io' | 'failed';
  message: string;
}

/** A failure a command detected itself (a failed run, a refused option), already worded. */
export class CliError extends Error {
  readonly failure: CliFailure;
  constructor(failure: CliFailure) {
    super(failure.message);
    this.name = 'CliError';
    this.failure = failure;
  }
}

const INPUT_ERRORS = [DataError, UserFileError, RunFolderError, ModelFolderError, PreprocessingError];

/** Classifies anything a command threw. `action` words file system failures ("run the command"). */
export function describeCliError(err: unknown, action = 'finish'): CliFailure {
  if (err instanceof CliError) return err.failure;
  const message = err instanceof Error ? err.message : String(err);
  if ((err as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS')) {
    return { exit: EXIT.usage, code: 'usage', message: `${message} Run \`recurrent --help\` for the options.` };
  }
  if (INPUT_ERRORS.some((kind) => err instanceof kind)) return { exit: EXIT.usage, code: 'bad-input', message };
  const sentence = fsErrorSentence(err, action);
  if (sentence) return { exit: EXIT.failed, code: 'io', message: sentence };
  return { exit: EXIT.failed, code: 'failed', message };
}

/** Prints one failure and returns its exit code. */
export function reportFailure(io: CliIo, failure: CliFailure, json: boolean): number {
  if (json) io.out(JSON.stringify({ type: 'error', code: failure.code, exit: failure.exit, message: failure.message }));
  else io.err(failure.message);
  return failure.exit;
}

/** A mistake in the command line: printed as given, exit code 2. */
export function usageError(message: string): CliError {
  return new CliError({ exit: EXIT.usage, code: 'usage', message });
}
