/**
 * Import benchmark: a generated 1,000,000-row × 10-column CSV, read by our full import
 * (loadTable: typing, stats, layout, frequency) and by a bare papaparse stream parse of the
 * same file in the same run. Reports time, MB/s and peak memory (RSS and heap, sampled).
 * Targets: full import within 1.5× of the bare parse, peak memory under 3× the numeric data.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { loadTable } from '../../src-main/data/import/load-table';
import { writeLines } from './write-lines';

const ROWS = 1_000_000;
const NUMERIC_COLUMNS = 9;

function writeCsv(path: string): Promise<void> {
  const header = ['time', ...Array.from({ length: NUMERIC_COLUMNS }, (_, k) => `x${k + 1}`)].join(',');
  const start = Date.UTC(2000, 0, 1);
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return writeLines(path, header, ROWS, (r) => {
    let line = new Date(start + r * 3_600_000).toISOString().slice(0, 19);
    for (let k = 0; k < NUMERIC_COLUMNS; k++) line += `,${(rand() * 1000 - 500).toFixed(3)}`;
    return line;
  });
}

interface Measured {
  seconds: number;
  /** CPU time of this process (user + system): steadier than wall time on a busy machine. */
  cpuSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  rows: number;
}

/** Runs `work` while sampling memory every 5 ms; peaks are relative to the start of the phase. */
async function measure(work: () => Promise<number>): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed + m.arrayBuffers > peakHeap) peakHeap = m.heapUsed + m.arrayBuffers;
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rows = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  sample();
  clearInterval(timer);
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    peakRssMb: (peakRss - base.rss) / 1e6,
    peakHeapMb: (peakHeap - base.heapUsed - base.arrayBuffers) / 1e6,
  };
}

function bareParse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
      chunk: (res: Papa.ParseResult<string[]>) => {
        rows += res.data.length;
      },
      complete: () => resolve(rows - 1),
      error: (e: Error) => reject(e),
    });
  });
}

export async function dataBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'recurrent-data-bench-'));
  try {
    const path = join(dir, 'bench.csv');
    await writeCsv(path);
    const mb = statSync(path).size / 1e6;
    // Our import runs first, so its RSS is measured from a process that has not grown yet.
    const ours = await measure(async () => {
      const { table, summary } = await loadTable(path);
      if (table.columns.length !== NUMERIC_COLUMNS + 1) throw new Error('Unexpected column count in the benchmark.');
      return summary.rows;
    });
    const bare = await measure(() => bareParse(path));
    const numericMb = (ROWS * (NUMERIC_COLUMNS + 1) * 8) / 1e6;
    const row = (name: string, m: Measured) =>
      `| ${name} | ${m.rows} | ${m.seconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${(mb / m.seconds).toFixed(1)} | ${m.peakRssMb.toFixed(0)} | ${m.peakHeapMb.toFixed(0)} |`;
    const ratio = ours.seconds / bare.seconds;
    const cpuRatio = ours.cpuSeconds / bare.cpuSeconds;
    const memRatio = ours.peakRssMb / numericMb;
    return [
      `Data import: ${ROWS.toLocaleString('en-US')} rows × ${NUMERIC_COLUMNS + 1} columns, ${mb.toFixed(1)} MB CSV, numeric data ${numericMb.toFixed(0)} MB`,
      '',
      '| reader | rows | wall s | CPU s | MB/s | peak RSS +MB | peak heap+buffers +MB |',
      '|---|---|---|---|---|---|---|',
      row('bare papaparse (strings only)', bare),
      row('loadTable (typed columns + summary)', ours),
      '',
      '(The bare parse runs second: its memory columns are relative to a process the import already grew.)',
      `Full import / bare parse: ${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (target ≤ 1.5×) ${ratio <= 1.5 ? 'OK' : 'MISSED'}`,
      `Peak RSS / numeric data: ${memRatio.toFixed(2)}× (target < 3×) ${memRatio < 3 ? 'OK' : 'MISSED'}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
