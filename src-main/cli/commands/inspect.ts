/** `recurrent inspect FILE [--json] [--sheet NAME]`: what the importer sees in a data file. */
import { parseArgs } from 'node:util';
import { loadTable } from '../../data/import/load-table';
import { DISTINCT_CAP } from '../../data/summary/column-stats';
import type { ColumnSummary, DatasetSummary } from '../../shared/types';
import { quotedList } from '../../shared/word-list';
import { usageError } from '../cli-errors';
import { withSeasons } from '../../forecast/seasons-summary';
import type { CliIo } from '../io';
import { readingProgress } from '../reading-progress';

const EXIT_OK = 0;

function number(x: number | null, type: ColumnSummary['type']): string {
  if (x === null) return '';
  if (type === 'datetime') return new Date(x).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z');
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(4);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The human-readable report printed without --json. */
export function formatSummary(s: DatasetSummary): string {
  const lines: string[] = [];
  const mb = (s.sizeBytes / 1e6).toFixed(s.sizeBytes < 1e6 ? 3 : 1);
  lines.push(`${s.fileName}  (${s.format}, ${mb} MB, ${s.rows} rows, ${s.columns.length} columns)`);
  const how = [
    `encoding ${s.encoding}`,
    s.delimiter !== null ? `delimiter ${s.delimiter === '\t' ? 'tab' : `'${s.delimiter}'`}` : null,
    s.decimalComma ? 'decimal comma' : null,
    s.sheet !== null ? `sheet '${s.sheet}' of ${s.sheets.map((x) => `'${x}'`).join(', ')}` : null,
  ].filter(Boolean);
  lines.push(`Read as:    ${how.join(', ')}`);
  lines.push(`Layout:     ${s.layout}`);
  if (s.proposedTask) lines.push(`Task:       ${s.proposedTask} (${s.proposedTaskReason ?? 'from the layout'})`);
  if (s.timeColumn) {
    lines.push(
      `Time:       '${s.timeColumn}', ${s.frequency ?? 'frequency unknown'}, ${s.gaps} gaps, ${s.duplicateTimestamps} duplicate time stamps`,
    );
    if (s.timeParts) lines.push(`Time from:  ${quotedList(s.timeParts.columns)} (${s.timeParts.kind})`);
  } else if (s.layout !== 'tagged-words') lines.push('Time:       no time column (rows are taken in file order)');
  if (s.seasons) lines.push(`Seasons:    '${s.seasons.column}': ${s.seasons.reason}`);
  if (s.idColumn) lines.push(`${s.layout === 'tagged-words' ? 'Sentence:' : 'Series id:'}  '${s.idColumn}'`);
  lines.push('');
  const rows: string[][] = [['column', 'type', 'missing', 'distinct', 'min', 'max', 'mean']];
  for (const c of s.columns) {
    const type = c.type === c.detectedType ? c.type : `${c.type} (detected ${c.detectedType})`;
    rows.push([
      c.name,
      c.format ? `${type} [${c.format}]` : type,
      String(c.missing),
      c.distinct >= DISTINCT_CAP ? `${DISTINCT_CAP}+` : String(c.distinct),
      number(c.min, c.type),
      number(c.max, c.type),
      number(c.mean, c.type),
    ]);
  }
  lines.push(table(rows));
  lines.push('');
  if (s.problems.length === 0) lines.push('Problems:   none');
  else {
    lines.push('Problems:');
    for (const p of s.problems) lines.push(`  ${p.severity}: ${p.message}`);
  }
  return lines.join('\n');
}

export async function runInspect(argv: string[], io: CliIo): Promise<number> {
  let values: { json?: boolean; sheet?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, sheet: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    throw usageError(`${(e as Error).message} Usage: recurrent inspect FILE [--json] [--sheet NAME]`);
  }
  if (positionals.length !== 1) throw usageError('Usage: recurrent inspect FILE [--json] [--sheet NAME]');
  // Unusable files throw a DataError: the CLI prints it once, with exit code 2.
  const { summary } = withSeasons(
    await loadTable(positionals[0], {
      sheet: values.sheet ?? null,
      onProgress: readingProgress(io, values.json === true),
    }),
  );
  io.out(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  return EXIT_OK;
}
