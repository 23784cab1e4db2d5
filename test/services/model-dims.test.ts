/** The architecture preview's sizes follow what training reads, before the data is read. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { buildVocabulary } from '../../src-main/data/prepare/text';
import { stringValues, textColumn } from '../../src-main/engine/tasks/common/table-columns';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { estimateModelDims } from '../../src-main/services/model-dims';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import type { ColumnSummary, DatasetSummary } from '../../src-main/shared/types';

function column(name: string, type: ColumnSummary['type'], distinct = 10): ColumnSummary {
  return { name, type, detectedType: type, missing: 0, distinct, min: null, max: null, mean: null, sparkline: [] };
}

/** A folder of recordings as the importer lays it out: sequence, step, two readings, label. */
const recordings = {
  layout: 'long',
  columns: [
    column('sequence', 'categorical', 80),
    column('step', 'numeric', 40),
    column('ax', 'numeric'),
    column('ay', 'numeric'),
    column('label', 'categorical', 3),
  ],
  timeColumn: 'step',
  idColumn: 'sequence',
} as DatasetSummary;

function spec(input: ExperimentSpecInput) {
  const r = parseSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

describe('the model preview of sequences read one per id', () => {
  const data = { file: '/data/recordings', idColumn: 'sequence', timeColumn: 'step', targetColumns: ['label'] };

  it('counts every numeric reading when no input column is chosen, as training reads them', () => {
    const dims = estimateModelDims(spec({ task: 'sequence-classification', data }), recordings);
    expect(dims.features).toBe(2);
    expect(dims.classCount).toBe(3);
    const labeling = estimateModelDims(spec({ task: 'sequence-labeling', data }), recordings);
    expect(labeling.features).toBe(2);
  });

  it('counts the chosen columns only when some are chosen', () => {
    const dims = estimateModelDims(
      spec({ task: 'sequence-classification', data: { ...data, featureColumns: ['ay'] } }),
      recordings,
    );
    expect(dims.features).toBe(1);
  });

  it('keeps one input before the data is open, and leaves forecasts as they were', () => {
    expect(estimateModelDims(spec({ task: 'sequence-classification', data }), null).features).toBe(1);
    const forecast = estimateModelDims(
      spec({ data: { file: '/data/nile.csv', targetColumns: ['volume'] } }),
      recordings,
    );
    expect(forecast.features).toBe(1);
  });
});

describe('the model preview of a text read as characters', () => {
  const samples = path.resolve(import.meta.dirname, '../../resources/samples');

  it('sizes the embedding and output by the characters the text holds, as training builds its vocabulary', async () => {
    const { summary, table } = await loadTable(path.join(samples, 'shakespeare-coriolanus.txt'));
    const generator = suggestSpec(summary, { task: 'text-generation' });
    const dims = estimateModelDims(generator, summary);
    const corpus = stringValues(textColumn(table, generator.data.text.column, []))
      .filter((s): s is string => s !== null)
      .join('\n');
    const built = buildVocabulary([corpus], generator.data.text);
    expect(dims.vocabSize).toBe(built.length);
    expect(dims.classCount).toBe(built.length);
    expect(dims.vocabSize).toBeLessThan(60);
    // Keeping the case adds the capitals.
    const cased = estimateModelDims(
      { ...generator, data: { ...generator.data, text: { ...generator.data.text, lowercase: false } } },
      summary,
    );
    expect(cased.vocabSize).toBe(buildVocabulary([corpus], { ...generator.data.text, lowercase: false }).length);
    expect(cased.vocabSize).toBeGreaterThan(dims.vocabSize ?? Infinity);
  });

  it('keeps the vocabulary size of the spec before a file is open, or when it is the smaller', () => {
    const generator = spec({
      task: 'text-generation',
      data: { file: '/data/book.txt', targetColumns: ['text'], text: { column: 'text', vocabSize: 500 } },
    });
    expect(estimateModelDims(generator, null).vocabSize).toBe(500);
    const many = {
      layout: 'text',
      columns: [
        {
          ...column('text', 'text'),
          text: {
            texts: 10,
            meanWords: 9,
            p95Words: 12,
            meanChars: 50,
            vocabulary: 90,
            characters: 900,
            lowercaseCharacters: 800,
          },
        },
      ],
    } as DatasetSummary;
    expect(estimateModelDims(generator, many).vocabSize).toBe(500);
  });
});
