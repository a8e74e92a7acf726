export type FactsErrorCode = 'INVALID_INSTANT';

/** A thrown failure while gathering facts; `user` errors come from bad input and are not retried. */
export class FactsError extends Error {
  override readonly name = 'FactsError';
  readonly kind = 'user';

  constructor(
    readonly code: FactsErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
