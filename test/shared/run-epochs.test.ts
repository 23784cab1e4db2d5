import { describe, expect, it } from 'vitest';
import { keepEpoch, withEpoch } from '../../src-main/shared/run-epochs';
import type { RunResult } from '../../src-main/shared/types';
import { epochRecord } from '../support/epoch-record';

const epoch = epochRecord;
// Only the fields an epoch's placement reads or keeps.
const runResult = (over: Partial<RunResult>): RunResult => ({ runId: 'run-1', history: [], ...over }) as RunResult;

describe("an epoch's place in a run", () => {
  it("puts the first network's epochs in the history and an ensemble's others in ensembleHistory", () => {
    const run = runResult({ history: [] });
    const added = [epoch('run-1', 1), epoch('run-1', 1, { network: 2 }), epoch('run-1', 2)].reduce(withEpoch, run);
    expect(added.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(added.ensembleHistory?.map((r) => [r.network, r.epoch])).toEqual([[2, 1]]);
    // The store's copy is replaced, never changed in place.
    expect(run.history).toEqual([]);
    expect(run.ensembleHistory).toBeUndefined();

    const inPlace = runResult({ history: [] });
    keepEpoch(inPlace, epoch('run-1', 1, { network: 3 }));
    keepEpoch(inPlace, epoch('run-1', 1));
    expect(inPlace.history).toHaveLength(1);
    expect(inPlace.ensembleHistory?.[0]?.network).toBe(3);
  });
});
