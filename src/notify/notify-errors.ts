/**
 * A failed send. `operational` (5xx, 429, timeouts, network, SMTP 4xx) is worth retrying; `user`
 * (4xx, SMTP 5xx, bad configuration) is not — the merchant has to fix the channel.
 * Messages name the channel type and host only, never the URL (it may carry a secret).
 */
export type NotifyErrorKind = 'user' | 'operational' | 'unexpected';

export class NotifyError extends Error {
  readonly code: string;
  readonly kind: NotifyErrorKind;

  constructor(code: string, kind: NotifyErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotifyError';
    this.code = code;
    this.kind = kind;
  }
}

/** The channel configuration or the message does not validate. */
export class NotificationConfigError extends NotifyError {
  constructor(message: string, cause?: unknown) {
    super('NOTIFY_BAD_CONFIG', 'user', message, { cause });
    this.name = 'NotificationConfigError';
  }
}

/** The receiver refused the message for good (HTTP 4xx, SMTP 5xx, authentication). */
export class NotificationRejectedError extends NotifyError {
  /** HTTP status or SMTP reply code, when there was one. */
  readonly status: number | null;

  constructor(message: string, status: number | null, cause?: unknown) {
    super('NOTIFY_REJECTED', 'user', message, { cause });
    this.name = 'NotificationRejectedError';
    this.status = status;
  }
}

/** The receiver could not take the message now (HTTP 5xx/429/408, SMTP 4xx, timeout, network). */
export class NotificationUnavailableError extends NotifyError {
  readonly status: number | null;

  constructor(message: string, status: number | null, cause?: unknown) {
    super('NOTIFY_UNAVAILABLE', 'operational', message, { cause });
    this.name = 'NotificationUnavailableError';
    this.status = status;
  }
}
