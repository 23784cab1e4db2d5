/**
 * Reads a sequence-labeling table (one row per step) into sequences: which rows form each
 * sequence and in what order, each step's input (numbers or a token) and each step's label.
 */
import { DataError } from '../../../data/data-error';
import { OOV_TOKEN, PAD_TOKEN, labelEncoder } from '../../../data/prepare/text';
import type { Table, TableColumn } from '../../../data/table';
import type { ExperimentSpec } from '../../../shared/spec';
import { labelValues, numericFeatureColumns, requireColumn, stringValues } from '../common/table-columns';

/** The steps of a labeling table grouped by sequence. */
export interface LabeledSequences {
  /** Row numbers of each sequence, in step order. */
  rows: number[][];
  /** Class id per row; -1 where the label is missing (that step is not scored). */
  labels: Int32Array;
  classes: string[];
  missingLabels: number;
  /** Numeric inputs: one column per feature. Empty when the input is a token column. */
  features: TableColumn[];
  /** Token input: the token of each row (lowercased when the spec says so); null for numeric inputs. */
  tokens: (string | null)[] | null;
  /** Name of the token column, when there is one. */
  tokenColumn: string | null;
}

/** Groups the rows of `table` into labeled sequences as the spec describes. */
export function readLabeledSequences(table: Table, spec: ExperimentSpec): LabeledSequences {
  const d = spec.data;
  if (!d.idColumn) {
    throw new DataError(
      'Sequence labeling needs the column that says which sequence each row belongs to: choose it as the id column.',
    );
  }
  const labelName = d.targetColumns[0];
  const labelCol = requireColumn(table, labelName, 'label');
  const ids = stringValues(requireColumn(table, d.idColumn, 'id'));
  const timeCol = d.timeColumn ? requireColumn(table, d.timeColumn, 'step order') : null;
  const order = timeCol && (timeCol.type === 'numeric' || timeCol.type === 'datetime') ? timeCol.values : null;

  const byId = new Map<string, number[]>();
  ids.forEach((id, r) => {
    if (id === null) return;
    let rows = byId.get(id);
    if (!rows) byId.set(id, (rows = []));
    rows.push(r);
  });
  // A stable sort keeps file order for equal step numbers.
  const rows = [...byId.values()].map((r) => (order ? [...r].sort((a, b) => order[a] - order[b]) : r));
  if (rows.length === 0) throw new DataError(`The id column '${d.idColumn}' has no values.`, { column: d.idColumn });

  const encoding = labelEncoder(labelValues(labelCol), labelName);
  const tokenName = d.text.column;
  let tokens: (string | null)[] | null = null;
  let features: TableColumn[] = [];
  if (tokenName) {
    const raw = stringValues(requireColumn(table, tokenName, 'token'));
    tokens = d.text.lowercase ? raw.map((t) => (t === null ? null : t.toLowerCase())) : raw;
  } else {
    features = numericFeatureColumns(
      table,
      spec.data,
      'Choose the input of each step: numeric feature columns, or a token column (one word per row) as the text column.',
    );
  }
  return {
    rows,
    labels: encoding.indices,
    classes: encoding.classes,
    missingLabels: encoding.missing,
    features,
    tokens,
    tokenColumn: tokenName,
  };
}

/**
 * Vocabulary of whole cell values (one token per row): [pad, oov, ...tokens by falling count,
 * ties alphabetical], at most `vocabSize` entries, the same layout as text vocabularies.
 */
export function tokenVocabulary(tokens: Iterable<string | null>, vocabSize: number): string[] {
  const counts = new Map<string, number>();
  for (const t of tokens) if (t !== null && t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [PAD_TOKEN, OOV_TOKEN, ...sorted.slice(0, Math.max(0, vocabSize - 2)).map(([t]) => t)];
}
