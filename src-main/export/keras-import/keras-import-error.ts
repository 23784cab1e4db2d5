/** A `.keras` model the app cannot take as a run, with the reason in the user's words. */
export class KerasImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KerasImportError';
  }
}
