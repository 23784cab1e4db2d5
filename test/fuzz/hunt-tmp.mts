import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { loadTable } from '/work/main/src-main/data/import/load-table';
import { mutate, mutationArb } from '/work/main/test/fuzz/fuzz-support';

process.on('uncaughtException', (e) => console.log('UNCAUGHT', (e as Error).message));
const wb = new ExcelJS.Workbook();
const sheet = wb.addWorksheet('Flow');
sheet.addRow(['date', 'flow', 'note']);
for (let i = 0; i < 40; i++) sheet.addRow([new Date(Date.UTC(2000, i, 1)), 100 + ((i * 7) % 13), i % 5 ? 'ok' : 'check']);
wb.addWorksheet('Notes').addRow(['written by a test']);
const workbook = new Uint8Array(await wb.xlsx.writeBuffer());
const samples = fc.sample(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), { numRuns: 400, seed: Number(process.argv[2] ?? 1) });
let i = 0;
for (const m of samples) {
  const bytes = mutate(workbook, m);
  const path = `/tmp/xfuzz/case.xlsx`;
  writeFileSync(path, bytes);
  const outcome = await Promise.race([
    loadTable(path).then(() => 'ok', (e: Error) => e.constructor.name),
    new Promise((r) => setTimeout(() => r('HANG'), 5000)),
  ]);
  if (outcome === 'HANG' || (outcome !== 'ok' && outcome !== 'DataError')) {
    writeFileSync(`/tmp/xfuzz/bad-${i}.xlsx`, bytes);
    console.log(i, outcome, JSON.stringify(m.map((x) => ({ ...x, bytes: undefined }))));
  }
  i++;
}
console.log('done', i);
process.exit(0);
