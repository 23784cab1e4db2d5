/** An error in the user's data, with a message fit to show as it is (names the line or column). */
export class DataError extends Error {
  readonly line?: number;
  readonly column?: string;
  constructor(message: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.name = 'DataError';
    this.line = where.line;
    this.column = where.column;
  }
}
