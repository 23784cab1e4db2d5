/**
 * Reads a data file (CSV/TSV/any delimiter, XLSX, TXT) into a typed Table with its summary
 * (column types and stats, layout, frequency, gaps, problems). Streams the file.
 * Throws DataError (data/data-error.ts) with a specific message for unusable input.
 */
import type { LoadedTable, LoadOptions } from '../table';

export async function loadTable(path: string, options: LoadOptions = {}): Promise<LoadedTable> {
  void path;
  void options;
  throw new Error('not implemented');
}
