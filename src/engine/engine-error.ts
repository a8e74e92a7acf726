/** A failure inside the engine (not an expected outcome): stable `code`, `kind`, optional `cause`. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: 'user' | 'operational' | 'unexpected',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
