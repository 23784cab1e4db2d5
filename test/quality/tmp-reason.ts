import { loadTable } from '../../src-main/data/import/load-table';
import { prepareSeries } from '../../src-main/data/prepare/series';
import { prepareForecast } from '../../src-main/engine/tasks/forecast/forecast-task';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { publicCases } from './public-cases';
for (const c of publicCases().filter((x) => process.argv.slice(2).some((w) => x.name.includes(w)))) {
  const { table, summary } = await loadTable(c.file);
  const spec = suggestSpec(summary, { target: c.target });
  const all = prepareSeries(table, spec.data);
  const series = c.id === undefined ? all[0] : all.find((s) => s.id === c.id)!;
  const t0 = performance.now();
  const data = prepareForecast(series, spec);
  console.log(c.name, (performance.now() - t0).toFixed(0), 'ms', data.split.validationStart, data.split.testStart, JSON.stringify(data.plan.smoothing), '\n', data.notes.join('\n '), '\n');
}
