/** Finding a column of a Table by name, with a message that names the file's columns. */
import { DataError } from './data-error';
import type { Table, TableColumn } from './table';

/** The named column, or a DataError listing the file's columns; `role` says what it was for. */
export function requireColumn(table: Table, name: string, role: string): TableColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) {
    const names = table.columns.map((col) => `'${col.name}'`).join(', ');
    throw new DataError(`The ${role} column '${name}' is not in this file. Its columns are ${names}.`, {
      column: name,
    });
  }
  return c;
}
