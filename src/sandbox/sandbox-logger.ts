/** The logging surface the sandbox needs (pino's signature); no personal data is passed to it. */
export interface SandboxLogger {
  info(object: Record<string, unknown>, message: string): void;
  debug(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
}

export const silentLogger: SandboxLogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: () => undefined,
};
