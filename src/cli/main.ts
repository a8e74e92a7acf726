import { Command, CommanderError } from 'commander';
import { registerEvaluateCommand } from './commands/evaluate-command.js';
import { registerMaintenanceCommands } from './commands/maintenance-commands.js';
import { registerReplayCommand } from './commands/replay-command.js';
import { registerSandboxCommand } from './commands/sandbox-command.js';
import { registerServeCommands } from './commands/serve-commands.js';
import { registerTemplatesCommand } from './commands/templates-command.js';

/**
 * The `passwing` command. This file only lists the commands (each in src/cli/commands/) and maps
 * failures to exit codes: 0 success, 2 bad input or usage (a `user` error: message, no stack), 1 anything else.
 */
const program = new Command('passwing')
  .description('PassWing (패스윙) — 카페24 주문 자동 라벨링 / order automation for Cafe24 malls')
  .exitOverride();

registerServeCommands(program);
registerMaintenanceCommands(program);
registerSandboxCommand(program);
registerReplayCommand(program);
registerEvaluateCommand(program);
registerTemplatesCommand(program);

const isUserError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'kind' in error && error.kind === 'user';

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (isUserError(error)) {
    process.stderr.write(`passwing: ${(error as Error).message}\n`);
    process.exitCode = 2;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`passwing: 내부 오류 / internal error: ${message}\n`);
    process.exitCode = 1;
  }
}
