/** Thrown for bad input: the CLI prints `hipaa-baseline: <message>` alone (no stack trace) and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
