/**
 * The task a dataset suggests by its layout: labelled texts are classified, a corpus generates
 * text, pairs of texts are translated, tagged words are labelled word by word, series are forecast, and a folder of recordings sorted into label
 * subfolders is classified recording by recording. The forms start on it and the user can change it.
 */
import type { Task } from '../../shared/spec';
import type { DatasetSummary } from '../../shared/types';
import { SEQUENCE_FOLDER_COLUMNS } from '../import/read-sequence-folder';

/** The proposed task and why, in words for the data view. */
export function proposeTask(summary: Pick<DatasetSummary, 'layout' | 'format' | 'columns'>): {
  task: Task;
  reason: string;
} {
  const from = summary.format === 'folder' ? 'a folder of labelled texts' : 'labelled texts';
  switch (summary.layout) {
    case 'pairs':
      return {
        task: 'sequence-to-sequence',
        reason: `The ${summary.format === 'folder' ? 'folder' : 'file'} holds pairs of texts: learn to write each target from its source.`,
      };
    case 'labeled-text':
      return { task: 'text-classification', reason: `The file holds ${from}: learn to classify them.` };
    case 'tagged-words':
      return {
        task: 'sequence-labeling',
        reason: 'The file holds sentences of tagged words: learn to tag each word from the words around it.',
      };
    case 'text':
      return {
        task: 'text-generation',
        reason:
          summary.format === 'text' || summary.format === 'folder'
            ? 'The file is a body of text: learn to continue it.'
            : 'The file holds texts without labels: learn to continue them.',
      };
    case 'long':
      if (summary.format === 'folder' && summary.columns.some((c) => c.name === SEQUENCE_FOLDER_COLUMNS.label)) {
        return {
          task: 'sequence-classification',
          reason: 'The folder holds recordings sorted into label folders: learn to tell which label a recording has.',
        };
      }
      if (rowSequences(summary)) {
        return {
          task: 'sequence-classification',
          reason: 'Each row of the file is one labelled sequence: learn to tell which label a sequence has.',
        };
      }
      return forecastOr(summary);
    default:
      return forecastOr(summary);
  }
}

/** Numeric series are forecast; without a numeric column, a text column is classified by a label. */
function forecastOr(summary: Pick<DatasetSummary, 'columns'>): { task: Task; reason: string } {
  return summary.columns.some((c) => c.type === 'numeric')
    ? { task: 'forecast', reason: 'The file holds numeric series: forecast them.' }
    : {
        task: 'text-classification',
        reason: 'The file has no numeric column to forecast; classify a text column by a label column instead.',
      };
}

/** A table of one sequence per row, unfolded on import (row-sequences.ts): sequence, step, value, label. */
function rowSequences(summary: Pick<DatasetSummary, 'columns'>): boolean {
  const names = summary.columns.map((c) => c.name).join('\u0000');
  const { sequence, step, label } = SEQUENCE_FOLDER_COLUMNS;
  return names === [sequence, step, 'value', label].join('\u0000');
}
