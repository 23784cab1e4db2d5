/**
 * The issue target for large files, `npm run bench -- --large-csv`: a generated ~500 MB CSV
 * (10.5 million rows × 6 numeric columns) trains a forecast through the app's own run in a
 * fresh process (large-csv-run.ts). Reports when the first progress came (target: within the
 * first second of the run) and the process's peak RSS against the file's numbers as Float64
 * (target: at most 3×). The file is written to the temporary folder and removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLines } from './write-lines';

const ROWS = 10_500_000;
const COLUMNS = ['a', 'b', 'c', 'd', 'e', 'target'];

function writeCsv(path: string): Promise<void> {
  let seed = 7;
  const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648 - 0.5) * 10;
  return writeLines(path, COLUMNS.join(','), ROWS, (r) => {
    const season = Math.sin((r * 2 * Math.PI) / 24) * 50;
    let line = '';
    for (let k = 0; k < COLUMNS.length - 1; k++) line += `${(season + noise()).toFixed(3)},`;
    return `${line}${(2 * season + noise()).toFixed(3)}`;
  });
}

interface RunFigures {
  status: string;
  firstProgressMs: number | null;
  firstTrainingMs: number | null;
  longestSilenceMs: number;
  maxRssMb: number;
}

export async function largeCsvBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'recurrent-large-csv-'));
  try {
    const path = join(dir, 'large.csv');
    await writeCsv(path);
    const mb = statSync(path).size / 1e6;
    const numericMb = (ROWS * COLUMNS.length * 8) / 1e6;
    const runner = fileURLToPath(new URL('./large-csv-run.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', runner, path], { encoding: 'utf8' });
    const last = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !last.startsWith('{')) {
      throw new Error(`The large-file run failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    const r = JSON.parse(last) as RunFigures;
    const ratio = r.maxRssMb / numericMb;
    const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(2)} s`);
    return [
      `Large file: ${ROWS.toLocaleString('en-US')} rows × ${COLUMNS.length} numeric columns, ${mb.toFixed(0)} MB CSV, numbers as Float64 ${numericMb.toFixed(0)} MB`,
      `First progress after ${seconds(r.firstProgressMs)} (target ≤ 1 s) ${r.firstProgressMs !== null && r.firstProgressMs <= 1000 ? 'OK' : 'MISSED'}`,
      `Longest stretch without progress before training: ${seconds(r.longestSilenceMs)}`,
      `First training batch after ${seconds(r.firstTrainingMs)} (run ${r.status} there on purpose)`,
      `Peak RSS ${r.maxRssMb.toFixed(0)} MB = ${ratio.toFixed(2)}× the numbers (target ≤ 3×) ${ratio <= 3 ? 'OK' : 'MISSED'}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
