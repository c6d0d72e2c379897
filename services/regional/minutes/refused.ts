/** A file the importer refuses: `message` is one line saying why (empty, garbage, scanned PDF, not a Word file…). */
export class MinutesRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MinutesRefusedError';
  }
}
