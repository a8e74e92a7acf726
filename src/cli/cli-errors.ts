/**
 * Failures of the offline CLI caused by its input. Both are `user` errors: main.ts prints the message
 * (never a stack trace) and exits with code 2.
 */

/** A bad input file; the message names the file, the record (order, product, line) and the field. */
export class InputFileError extends Error {
  readonly code = 'INPUT_FILE_INVALID';
  readonly kind = 'user';
  constructor(
    readonly file: string,
    /** `order 20170710-0000013`, `order #3`, `product #1`, `line 4` … or null for the whole file. */
    readonly record: string | null,
    /** JSON path of the field inside the record, or null. */
    readonly field: string | null,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      [file, record, field === null ? null : `field ${field}`].filter((part) => part !== null).join(': ') +
        `: ${problem}`,
      options,
    );
    this.name = 'InputFileError';
  }
}

/** A bad command line: unknown template ID, malformed `--param`, missing option. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
  readonly kind = 'user';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliUsageError';
  }
}
