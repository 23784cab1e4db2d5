/** The architecture preview's sizes follow what training reads, before the data is read. */
import { describe, expect, it } from 'vitest';
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
