/** Stable failure codes of the sandbox (thrown; expected outcomes are HTTP responses instead). */
export type SandboxErrorCode =
  | 'SANDBOX_BAD_OPTIONS'
  | 'SANDBOX_BAD_FAULT_SPEC'
  | 'SANDBOX_UNKNOWN_MALL'
  | 'SANDBOX_UNKNOWN_ORDER'
  | 'SANDBOX_UNKNOWN_ITEM'
  | 'SANDBOX_UNKNOWN_VARIANT'
  | 'SANDBOX_LISTEN_FAILED';

export type SandboxErrorKind = 'user' | 'operational' | 'unexpected';

/** A failure of the in-process sandbox API (bad options, unknown mall/order) or of its server. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly code: SandboxErrorCode;
  readonly kind: SandboxErrorKind;

  constructor(
    code: SandboxErrorCode,
    kind: SandboxErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.kind = kind;
  }
}
