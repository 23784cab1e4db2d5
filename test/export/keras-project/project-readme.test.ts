/** The README of a training project says how a run over several series is prepared and scored. */
import { describe, expect, it } from 'vitest';
import { projectReadme } from '../../../src-main/export/keras-project/project-readme';
import { specSchema } from '../../../src-main/shared/spec';
import { validPreprocessing } from '../../shared/preprocessing-fixture';

function globalRun(idColumn: string, wide = false) {
  const pre = validPreprocessing({
    spec: specSchema.parse({
      data: { file: '/data/stores.csv', targetColumns: ['y'], idColumn, series: { scope: 'all', wide } },
    }),
  });
  const target = pre.target;
  if (!target) throw new Error('a forecast file has a target');
  return { ...pre, series: ['a', 'b', 'c'].map((id) => ({ id, inputs: pre.inputs, target })) };
}

describe('training project README', () => {
  it('describes the per-series preparation and scores of a global run', () => {
    const text = projectReadme(globalRun('store'));
    expect(text).toContain('## Several series');
    expect(text).toContain('all 3 series of the run (the series are told apart by `store`)');
    expect(text).toMatch(/each series' own scores under `series`/);
  });

  it('keeps a column name from breaking out of its code span', () => {
    const text = projectReadme(globalRun('store`\n# injected'));
    expect(text).toContain('`store  # injected`');
    expect(text).not.toMatch(/^# injected/m);
  });

  it('says nothing of several series for a run over one', () => {
    expect(projectReadme(validPreprocessing())).not.toContain('## Several series');
  });
});
