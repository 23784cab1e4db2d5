/**
 * 'spec.validate' and the refusal in 'train.start': the spec's own rules, then the checks of the
 * spec against its data when that data is open (windows per split, enough to train and to judge).
 */
import type { RequestResult } from '../shared/contract';
import { parseSpec, type ExperimentSpec } from '../shared/spec';
import type { Table } from '../data/table';
import { checkTraining, type TrainingCheck } from '../experiment/training-checks';
import { invalidSpec } from '../shared/service-error';

/** The loaded table of a data file, or null when it is not open in this session. */
export type TableFor = (file: string) => Table | null;

/** The checks on the data, or an empty check when the data is not open (training checks it then). */
export function checkAgainstData(spec: ExperimentSpec, tableFor: TableFor): TrainingCheck {
  const table = tableFor(spec.data.file);
  return table ? checkTraining(table, spec) : { windows: null, problems: [], cautions: [] };
}

/** The answer to 'spec.validate'. */
export function validateSpec(raw: unknown, tableFor: TableFor): RequestResult<'spec.validate'> {
  const parsed = parseSpec(raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, windows: null, cautions: [] };
  const check = checkAgainstData(parsed.spec, tableFor);
  return { ok: check.problems.length === 0, ...check };
}

/** Throws the 'invalid-spec' error when the data checks refuse the spec. */
export function refuseUnready(spec: ExperimentSpec, tableFor: TableFor): void {
  const { problems } = checkAgainstData(spec, tableFor);
  if (problems.length > 0) throw invalidSpec(problems);
}
