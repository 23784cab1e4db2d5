/**
 * Many series, one model, at scale: 1,000 related series × 200 monthly steps (200,000 rows, long
 * format) imported and trained as one global network for a few epochs. Reports the time of each
 * part and the process's peak memory (resident set), the figures the UI's responsiveness rests on.
 * Part of `npm run bench`; alone: `npx tsx test/bench/many-series-bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTable } from '../../src-main/data/import/load-table';
import { trainRun } from '../model-use/train-run';
import { relatedSeries, writeLongCsv } from '../quality/related-series';

const SERIES = 1000;
const STEPS = 200;
const EPOCHS = 3;

/** Peak resident memory of this process so far, in MiB. */
function peakMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function manySeriesBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-many-series-'));
  try {
    const file = path.join(dir, 'series.csv');
    await writeLongCsv(file, relatedSeries(SERIES, 31, STEPS, STEPS));
    const before = peakMiB();
    let t = performance.now();
    const { summary } = await loadTable(file);
    const importSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const result = await trainRun(
      {
        data: {
          file,
          timeColumn: summary.timeColumn,
          idColumn: summary.idColumn,
          targetColumns: ['value'],
          lookback: 24,
          series: { scope: 'all' },
        },
        model: { layers: [{ units: 32 }] },
        training: { epochs: EPOCHS, batchSize: 256, seed: 1, earlyStopping: { enabled: false } },
      },
      path.join(dir, 'run'),
    );
    const trainSeconds = (performance.now() - t) / 1000;
    const windows = result.log.find((l) => l.startsWith('One network is trained over')) ?? '';
    const ev = result.evaluation;
    const mase = ev?.kind === 'forecast' ? ev.global?.aggregate.meanScaledError : undefined;
    return [
      `Many series: ${SERIES} series × ${STEPS} steps (${summary.rows} rows, layout ${summary.layout}, id '${summary.idColumn}')`,
      `  import ${importSeconds.toFixed(1)} s; prepare + train ${EPOCHS} epochs + evaluate every series + save ${trainSeconds.toFixed(1)} s`,
      `  ${windows}`,
      `  mean scaled error ${mase?.toFixed(3) ?? '-'}; peak memory ${Math.round(peakMiB())} MiB (${Math.round(before)} MiB before the import)`,
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await manySeriesBench()}\n`);
}
