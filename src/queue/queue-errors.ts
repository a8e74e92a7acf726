/** Failures of the queue itself (not of the jobs it runs), with a stable code for logs and the CLI. */
export type QueueErrorKind = 'user' | 'operational' | 'unexpected';

export class QueueError extends Error {
  readonly code: string;
  readonly kind: QueueErrorKind;

  constructor(code: string, kind: QueueErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueError';
    this.code = code;
    this.kind = kind;
  }
}

/** The queue was used before `start()` or after `stop()`. */
export class QueueNotStartedError extends QueueError {
  constructor(operation: string) {
    super('QUEUE_NOT_STARTED', 'unexpected', `job queue is not running (${operation})`);
    this.name = 'QueueNotStartedError';
  }
}

/** The storage (SQLite file or PostgreSQL) could not be reached or refused an operation. */
export class QueueStorageError extends QueueError {
  constructor(message: string, cause: unknown) {
    super('QUEUE_STORAGE', 'operational', message, { cause });
    this.name = 'QueueStorageError';
  }
}

/** A job name or enqueue option that fails validation. */
export class InvalidJobError extends QueueError {
  constructor(message: string, cause?: unknown) {
    super('QUEUE_INVALID_JOB', 'user', message, { cause });
    this.name = 'InvalidJobError';
  }
}

/** Default sink for background failures (fetch, renew, complete); the CLI passes its pino logger. */
export function reportToStderr(error: unknown): void {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  process.stderr.write(`job queue: ${String(code ?? 'ERROR')} ${String(message ?? error)}\n`);
}

/** Storage failures (SQLITE_BUSY, lost PostgreSQL connection …) become QueueStorageError; ours pass. */
export async function guardStorage<T>(operation: string, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof QueueError) throw error;
    throw new QueueStorageError(`job queue ${operation} failed`, error);
  }
}
