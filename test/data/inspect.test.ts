import { describe, expect, it } from 'vitest';
import { runInspect } from '../../src-main/cli/commands/inspect';
import { runCli } from '../../src-main/cli/main';
import type { DatasetSummary } from '../../src-main/shared/types';
import { tempFile } from './helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const nile = new URL('../../resources/samples/nile-yearly.csv', import.meta.url).pathname;

describe('recurrent inspect', () => {
  it('prints a readable report', async () => {
    const c = capture();
    expect(await runInspect([nile], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/Layout:\s+single/);
    expect(text).toMatch(/Task:\s+forecast \(The file holds numeric series/);
    expect(text).toMatch(/Time:\s+'year', yearly, 0 gaps, 0 duplicate time stamps/);
    expect(text).toMatch(/volume\s+numeric\s+0\s+85\s+456\s+1370/);
  });

  it('says when time is read from several columns', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${2000 + Math.floor(i / 4)},${(i % 4) + 1},${i}`);
    const c = capture();
    expect(await runInspect([tempFile(`year,quarter,value\n${rows.join('\n')}\n`)], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/Time:\s+'year \+ quarter', quarterly, 0 gaps, 0 duplicate time stamps/);
    expect(text).toMatch(/Time from:\s+'year' and 'quarter' \(year-quarter\)/);
  });

  it('prints the summary as JSON with --json', async () => {
    const c = capture();
    expect(await runInspect([nile, '--json'], c.io)).toBe(0);
    const summary = JSON.parse(c.out.join('')) as DatasetSummary;
    expect(summary.rows).toBe(100);
    expect(summary.columns.map((x) => x.name)).toEqual(['year', 'volume']);
  });

  it('exits 2 with the data error for bad input and for bad usage', async () => {
    const c = capture();
    // Through the command line's entry, which prints each error once and picks the exit code.
    expect(await runCli(['inspect', tempFile('')], c.io)).toBe(2);
    expect(c.err.join('')).toBe('The file is empty: it has no header line and no data.');
    expect(await runCli(['inspect'], capture().io)).toBe(2);
    expect(await runCli(['inspect', nile, '--bogus'], capture().io)).toBe(2);
  });
});
