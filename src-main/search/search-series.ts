/** Reading the one series an automatic search tunes a forecast for (no TensorFlow here: main plans with it). */
import { loadTable } from '../data/import/load-table';
import { pickSeries, prepareEverySeries } from '../data/prepare/multi-series';
import type { PreparedSeries } from '../data/prepare/series';
import type { ExperimentSpec } from '../shared/spec';

/** The single series a forecast spec trains on (the automatic search handles one series at a time). */
export async function searchSeries(spec: ExperimentSpec): Promise<PreparedSeries> {
  const { table } = await loadTable(spec.data.file, {
    sheet: spec.data.sheet,
    typeOverrides: spec.data.columnTypes,
    timeParts: spec.data.timeParts,
  });
  const picked = pickSeries(prepareEverySeries(table, spec.data), spec.data);
  if (picked.length !== 1) {
    throw new Error(
      'The automatic search tunes a model for one series: pick one series, or train one network over all series from the form.',
    );
  }
  return picked[0];
}
