/**
 * The task proposed from what the importer detected, by every import route. The issue: own
 * labelled texts, a .txt corpus and a labelled folder all landed on "no numeric column to forecast".
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../src-main/data/import/load-table';
import { suggestSpec } from '../../../src-main/experiment/suggest-spec';
import { makeFolder } from '../folder-helpers';
import { tempFile } from '../helpers';

const REVIEWS = [
  'review,sentiment',
  '"I loved this film, truly",positive',
  '"Terrible acting and a dull plot",negative',
  '"What a wonderful surprise",positive',
  '"Boring, I fell asleep",negative',
  '"Fine performances overall",positive',
].join('\n');

describe('the proposed task', () => {
  it('labelled texts in a CSV → text classification of the text column by the label', async () => {
    const { summary } = await loadTable(tempFile(REVIEWS));
    expect(summary.proposedTask).toBe('text-classification');
    expect(summary.proposedTaskReason).toMatch(/labelled texts/);
    const spec = suggestSpec(summary);
    expect(spec.task).toBe('text-classification');
    expect(spec.data.targetColumns).toEqual(['sentiment']);
    expect(spec.data.text.column).toBe('review');
  });

  it('a .txt corpus → text generation', async () => {
    const { summary } = await loadTable(
      tempFile('First paragraph of a story.\n\nAnd a second one follows it.\n', '.txt'),
    );
    expect(summary.proposedTask).toBe('text-generation');
    expect(suggestSpec(summary).task).toBe('text-generation');
  });

  it('a folder of labelled texts → text classification by folder', async () => {
    const folder = makeFolder({
      'pos/a.txt': 'great fun',
      'pos/b.txt': 'loved it',
      'neg/c.txt': 'dull',
      'neg/d.txt': 'awful',
    });
    const { summary } = await loadTable(folder);
    expect(summary.proposedTask).toBe('text-classification');
    expect(summary.proposedTaskReason).toMatch(/folder/);
    expect(suggestSpec(summary).data.targetColumns).toEqual(['label']);
  });

  it('a numeric series → forecast', async () => {
    const { summary } = await loadTable(tempFile('year,flow\n2000,1\n2001,2\n2002,3\n2003,5\n'));
    expect(summary.proposedTask).toBe('forecast');
  });

  it('asking to forecast labelled texts names the task that fits instead', async () => {
    const { summary } = await loadTable(tempFile(REVIEWS));
    expect(() => suggestSpec(summary, { task: 'forecast' })).toThrow(
      /no numeric column to forecast\. The file holds labelled texts.*"text-classification"/,
    );
  });
});
