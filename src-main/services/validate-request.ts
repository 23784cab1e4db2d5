/**
 * Checks a request's channel name and payload against the contract before any handler runs.
 * Every message names the channel and the offending field, so a bad call is easy to trace.
 */
import { REQUEST_NAMES, requestArgs, type RequestName } from '../shared/contract';
import { ServiceError } from '../shared/service-error';

/** True when `name` is one of the contract's request channels. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as string[]).includes(name);
}

/**
 * Returns the parsed arguments of a request, or throws an 'invalid-request' ServiceError
 * that names the channel and each field that failed.
 */
export function validateRequest(name: unknown, rawArgs: unknown): { name: RequestName; args: unknown } {
  if (!isRequestName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : typeof name;
    throw new ServiceError('invalid-request', `Unknown request ${shown}.`);
  }
  const parsed = requestArgs[name].safeParse(rawArgs);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
      .join('; ');
    throw new ServiceError('invalid-request', `Invalid arguments for "${name}": ${details}.`);
  }
  return { name, args: parsed.data };
}
