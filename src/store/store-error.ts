/** Why a store operation failed. `user` errors are the caller's to fix; `operational` ones may be retried. */
export type StoreErrorKind = 'user' | 'operational' | 'unexpected';

export type StoreErrorCode =
  | 'conflict'
  | 'reference_missing'
  | 'invalid_value'
  | 'busy'
  | 'unavailable'
  | 'not_found'
  | 'invalid_secret_key'
  | 'decryption_failed'
  | 'invalid_database_url'
  | 'migration_failed'
  | 'database_error';

/** A thrown store failure with a stable `code`; expected outcomes are returned values instead. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly kind: StoreErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: StoreErrorCode,
    kind: StoreErrorKind,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.details = options.details;
  }
}
