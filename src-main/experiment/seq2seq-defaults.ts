/**
 * The proposed spec of a sequence-to-sequence run: the source is the first text column, the
 * target the next column that is not the source (the chosen target when one is named); both are
 * read as text (a column of ISO dates must not become timestamps). Character tokens, maximum
 * lengths of three times a column's mean length (with a margin; rows beyond them are left out
 * with a count), a bidirectional GRU encoder with dot attention — the settings of the date sample.
 */
import type { ExperimentSpec } from '../shared/spec';
import { parseSpec } from '../shared/spec';
import type { DatasetSummary } from '../shared/types';

/** Room above the longest text the summary saw, since it reads only the first few thousand rows. */
const LENGTH_MARGIN = 1.25;

export function suggestSeq2seqSpec(summary: DatasetSummary, target?: string): ExperimentSpec {
  const textual = summary.columns.filter((c) => c.type === 'text' || c.type === 'categorical');
  const source = textual.find((c) => c.name !== target) ?? summary.columns.find((c) => c.name !== target);
  const targetColumn = target
    ? summary.columns.find((c) => c.name === target)
    : summary.columns.find((c) => c.name !== source?.name && c.type !== 'numeric');
  if (!source || !targetColumn) {
    throw new Error(
      `${summary.fileName} needs two columns of texts for sequence to sequence: one the model reads, one it learns to write.`,
    );
  }
  const longest = (c: (typeof summary.columns)[number], fallback: number) =>
    Math.max(4, Math.ceil((c.text ? c.text.meanChars * 3 : fallback) * LENGTH_MARGIN));
  const result = parseSpec({
    name: `${summary.fileName.replace(/\.[^.]+$/, '')} — sequence to sequence`,
    task: 'sequence-to-sequence',
    data: {
      file: summary.path,
      sheet: summary.sheet,
      columnTypes: { [source.name]: 'text', [targetColumn.name]: 'text' },
      targetColumns: [targetColumn.name],
      split: { validation: 0.1, test: 0.15 },
      text: { column: source.name, tokens: 'char', lowercase: true, vocabSize: 500, maxLength: longest(source, 40) },
    },
    model: { cell: 'GRU', embeddingDim: 32, layers: [{ units: 64, bidirectional: true }] },
    training: {
      epochs: 30,
      batchSize: 64,
      optimizer: { name: 'adam', learningRate: 0.005 },
      earlyStopping: { enabled: true, patience: 3, restoreBest: true },
      reduceLrOnPlateau: { enabled: true, patience: 2, factor: 0.5, minLearningRate: 0.0001 },
    },
    seq2seq: { targetMaxLength: longest(targetColumn, 40), attention: 'dot', decoding: 'greedy' },
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.spec;
}
