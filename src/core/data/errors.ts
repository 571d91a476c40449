/**
 * An error a user can act on: bad input, a missing folder, a refused file. Its message is one line,
 * meant to be shown as it is (the UI's per-file reasons, the CLI's error output).
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'DataError';
  }
}

/** The one-line text of any thrown value. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}
