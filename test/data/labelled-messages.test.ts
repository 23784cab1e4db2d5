/**
 * Labelled texts as they are published: a headerless tab-separated file with the label first and
 * double quotes inside the texts (the UCI SMS spam collection's layout). Every line is one
 * message, the first line included; a file that really quotes its fields keeps them quoted.
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { strings, tempFile } from './helpers';

/** Sixty messages, a few of them quoting words or opening a quote that never closes on its line. */
function messages(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    const spam = i % 5 === 0;
    const text = spam
      ? `WINNER!! Claim your "prize" ${i} now, call 0906170${i}`
      : i % 7 === 0
        ? `I thought you liked "the cave ${i}. Sorry`
        : `Ok see you at ${i} then, bring the "good" umbrella`;
    lines.push(`${spam ? 'spam' : 'ham'}\t${text}`);
  }
  return lines;
}

describe('labelled messages without a header, quotes inside the texts', () => {
  it('reads every line as one message and the first line as data', async () => {
    const lines = messages();
    const { table, summary } = await loadTable(tempFile(`${lines.join('\n')}\n`, '.tsv'));
    expect(table.rowCount).toBe(60);
    expect(table.columns.map((c) => c.name)).toEqual(['column 1', 'column 2']);
    const texts = strings(column(table, 'column 2'));
    expect(texts[0]).toBe(lines[0].split('\t')[1]);
    // The unclosed quote of line 8 stays inside its own message.
    expect(texts[7]).toBe('I thought you liked "the cave 7. Sorry');
    expect(texts[8]).toBe('Ok see you at 8 then, bring the "good" umbrella');
    const messagesNoted = summary.problems.map((p) => p.message);
    expect(messagesNoted.some((m) => /^Line 1 is data, not column names \(its column 1 holds 'spam'/.test(m))).toBe(
      true,
    );
    expect(messagesNoted.some((m) => /^Double quotes are read as part of the texts/.test(m))).toBe(true);
    expect(messagesNoted.some((m) => /Misplaced double quotes/.test(m))).toBe(false);
    expect(suggestSpec(summary).task).toBe('text-classification');
  });

  it('keeps a header that names the columns, and one that repeats below (files pasted together)', async () => {
    const lines = messages();
    const named = await loadTable(tempFile(`label\tmessage\n${lines.join('\n')}\n`, '.tsv'));
    expect(named.table.columns.map((c) => c.name)).toEqual(['label', 'message']);
    expect(named.table.rowCount).toBe(60);
    const pasted = ['kind\tnote', ...lines.slice(0, 30), 'kind\tnote', ...lines.slice(30)];
    const twice = await loadTable(tempFile(`${pasted.join('\n')}\n`, '.tsv'));
    expect(twice.table.columns.map((c) => c.name)).toEqual(['kind', 'note']);
  });

  it('still reads quoted fields of a tab-separated file that quotes them, line breaks inside included', async () => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      i === 3
        ? `ham\t"two lines\nin one ""quoted"" message"`
        : `${i % 4 ? 'ham' : 'spam'}\t"message ${i}, with\ta tab"`,
    );
    const { table, summary } = await loadTable(tempFile(`label\ttext\n${rows.join('\n')}\n`, '.tsv'));
    expect(table.rowCount).toBe(20);
    const texts = strings(column(table, 'text'));
    expect(texts[3]).toBe('two lines\nin one "quoted" message');
    expect(texts[1]).toBe('message 1, with\ta tab');
    expect(summary.problems.some((p) => /^Double quotes are read as part of the texts/.test(p.message))).toBe(false);
  });
});
