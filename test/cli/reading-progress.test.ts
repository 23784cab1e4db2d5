import { describe, expect, it } from 'vitest';
import { readingProgress } from '../../src-main/cli/reading-progress';

function recorder() {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (t: string) => void err.push(t) }, err };
}

describe('progress while the command line reads a data file', () => {
  it('stays quiet for a quick read, then prints each new percentage once', () => {
    let now = 1000;
    const { io, err } = recorder();
    const report = readingProgress(io, false, () => now);
    report(0.4);
    now += 200;
    report(1);
    expect(err).toEqual([]);
    now += 400;
    report(0.5);
    report(0.501);
    report(0.52);
    expect(err).toEqual(['[preparing] reading the data file 50%', '[preparing] reading the data file 52%']);
  });

  it('prints nothing with --json', () => {
    let now = 0;
    const { io, err } = recorder();
    const report = readingProgress(io, true, () => now);
    now = 10_000;
    report(0.5);
    expect(err).toEqual([]);
  });
});
