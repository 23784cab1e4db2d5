import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { ProjectService } from '../../src-main/projects/project-service';
import { listSamples, openSample, SAMPLE_SUFFIX } from '../../src-main/projects/samples';
import { parseSpec } from '../../src-main/shared/spec';
import { cleanup, tempDir } from './fixtures';

const SAMPLES = resolve('resources/samples');

describe('sample projects', () => {
  it('lists every sample file, one per task family', async () => {
    const files = (await readdir(SAMPLES)).filter((n) => n.endsWith(SAMPLE_SUFFIX));
    const samples = await listSamples(SAMPLES);
    expect(samples.map((s) => `${s.id}${SAMPLE_SUFFIX}`).sort()).toEqual(files.sort());
    expect(new Set(samples.map((s) => s.task))).toEqual(
      new Set([
        'forecast',
        'sequence-classification',
        'text-classification',
        'text-generation',
        'sequence-to-sequence',
      ]),
    );
    for (const s of samples) expect(s.description.length).toBeGreaterThan(200);
  });

  it.each(['monthly-sea-temperature', 'activity-recognition', 'review-sentiment', 'shakespeare-generator'])(
    '%s has a valid spec whose data file loads with the columns it names',
    async (id) => {
      const sample = await openSample(SAMPLES, id);
      expect(parseSpec(sample.spec).ok).toBe(true);
      expect(sample.spec.data.file).toBe(join(SAMPLES, sample.spec.data.file.split(/[\\/]/).at(-1)!));
      const { table, summary } = await loadTable(sample.spec.data.file);
      const names = new Set(table.columns.map((c) => c.name));
      const d = sample.spec.data;
      for (const c of [...d.targetColumns, ...d.featureColumns, d.timeColumn, d.idColumn, d.text.column]) {
        if (c !== null) expect(names).toContain(c);
      }
      expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
      if (sample.task === 'forecast') {
        expect(summary.frequency).toBe('monthly');
        expect(table.rowCount).toBeGreaterThan(500);
      }
      if (sample.task === 'text-classification') expect(summary.layout).toBe('labeled-text');
      if (sample.task === 'text-generation') expect(summary.format).toBe('text');
    },
  );

  it('refuses unknown and path-like sample ids', async () => {
    await expect(openSample(SAMPLES, 'nope')).rejects.toThrow(/no sample/);
    await expect(openSample(SAMPLES, '../package')).rejects.toThrow(/no sample/);
  });

  it('opens a sample as an unsaved project with its description and data file', async () => {
    const dataDir = await tempDir();
    try {
      const svc = new ProjectService({ dataDir, samplesDir: SAMPLES });
      const state = await svc.openSample('review-sentiment');
      expect(state).toMatchObject({ path: null, dirty: false, runs: [] });
      expect(state.description).toMatch(/negation/);
      expect(state.dataset).toMatchObject({ path: join(SAMPLES, 'movie-reviews-sentiment.csv'), status: 'ok' });
      expect(state.spec?.task).toBe('text-classification');
    } finally {
      await cleanup(dataDir);
    }
  });
});
