import { InvalidArgumentError, type Command } from 'commander';
import pino from 'pino';
import { SandboxError } from '../../sandbox/sandbox-error.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';

/** Default port of `passwing sandbox` when --port is not given. */
const DEFAULT_SANDBOX_PORT = 8024;

function integer(name: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return Number(value);
  };
}

/** `--rate 30/min` or `--rate 30` → 30 orders per minute. */
function rate(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/min)?$/.exec(value.trim());
  if (match?.[1] === undefined) throw new InvalidArgumentError('rate must look like 30/min');
  return Number(match[1]);
}

function mallList(value: string): string[] {
  const malls = value
    .split(',')
    .map((mall) => mall.trim())
    .filter((mall) => mall !== '');
  if (malls.length === 0) throw new InvalidArgumentError('give at least one mall id');
  return malls;
}

interface SandboxFlags {
  port: number;
  host: string;
  mall: string[];
  clientId: string;
  clientSecret: string;
  autoApprove?: boolean;
  seed: number;
  orders: number;
  rate: number;
  burst: number;
  webhookUrl?: string;
  faults?: string;
  appUrl?: string;
}

/** Registers `passwing sandbox`: a simulated Cafe24 (OAuth, Admin API, webhooks, order list pages). */
export function registerSandboxCommand(program: Command): void {
  const command = program.command('sandbox');
  command
    .description('run a simulated Cafe24 (OAuth, Admin API, webhooks, order list) for demos, tests and load')
    .option('--port <n>', 'port to listen on (0 = random)', integer('port', 0), DEFAULT_SANDBOX_PORT)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--mall <ids>', 'mall id(s), comma-separated', mallList, ['demo-mall'])
    .requiredOption('--client-id <id>', 'the app client id')
    .requiredOption('--client-secret <secret>', 'the app client secret')
    .option('--auto-approve', 'skip the consent page on /oauth/authorize')
    .option('--seed <s>', 'seed of the generated data and faults', integer('seed', 0), 1)
    .option('--orders <k>', 'historical orders per mall at start', integer('orders', 0), 0)
    .option('--rate <r/min>', 'new orders per minute per mall', rate, 0)
    .option('--burst <k>', 'size of occasional event-day bursts', integer('burst', 0), 0)
    .option('--webhook-url <url>', 'where webhooks are POSTed')
    .option('--faults <spec>', 'e.g. drop=10,dup=10,delay=2000,reorder=1,http5xx=5,timeout=2')
    .option('--app-url <url>', 'the app URL the "앱 열기" link opens (signed like Cafe24)')
    .action(async (flags: SandboxFlags) => {
      const logger = pino({ name: 'sandbox' });
      const sandbox = await startSandbox({
        port: flags.port,
        host: flags.host,
        malls: flags.mall,
        clientId: flags.clientId,
        clientSecret: flags.clientSecret,
        autoApprove: flags.autoApprove === true,
        seed: flags.seed,
        orders: flags.orders,
        ratePerMinute: flags.rate,
        burst: flags.burst,
        webhookUrl: flags.webhookUrl,
        faults: flags.faults,
        appUrl: flags.appUrl,
        logger,
      }).catch((error: unknown) => {
        // Bad flags (e.g. a malformed --faults spec) are the user's to fix: message and exit code 2.
        if (error instanceof SandboxError && error.kind === 'user')
          command.error(error.message, { exitCode: 2 });
        throw error;
      });
      for (const mall of flags.mall) {
        process.stdout.write(
          `mall ${mall}: API ${sandbox.apiBase(mall)}  order list ${sandbox.baseUrl}/${mall}/admin/order/list\n`,
        );
      }
      const stop = () => {
        sandbox.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
