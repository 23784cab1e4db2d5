/**
 * Errors a request handler or a lower layer throws on purpose: a code and a sentence fit to
 * show the user as it is. The envelope mapping lives with the services that send it.
 */
import type { StudioErrorInfo } from './contract';
import type { SpecProblem } from './spec';

/** A handler failure with a code and a sentence fit to show the user as it is. */
export class ServiceError extends Error {
  readonly code: StudioErrorInfo['code'];
  readonly problems?: SpecProblem[];
  constructor(code: StudioErrorInfo['code'], message: string, problems?: SpecProblem[]) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.problems = problems;
  }
}

/** Turns a spec's problems into an 'invalid-spec' error naming the first few fields. */
export function invalidSpec(problems: SpecProblem[]): ServiceError {
  const listed = problems
    .slice(0, 3)
    .map((p) => `${p.path}: ${p.message}`)
    .join('; ');
  return new ServiceError('invalid-spec', `The experiment settings need attention (${listed}).`, problems);
}
