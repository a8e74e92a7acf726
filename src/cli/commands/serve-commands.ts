import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import type { PassWing } from '../launch-passwing.js';

/** Stops the process's roles cleanly on SIGINT/SIGTERM (in-flight jobs finish or are released). */
function stopOnSignals(passwing: PassWing, onStop: () => void = () => {}): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    passwing.runtime.ctx.logger.info({ signal }, 'stopping');
    onStop();
    passwing
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        passwing.runtime.ctx.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function serve(roles: { web: boolean; worker: boolean }, demo: boolean): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  if (!demo && config.useSandbox) {
    throw Object.assign(
      new Error(
        'passwing web/worker need Cafe24 credentials (CAFE24_CLIENT_ID, CAFE24_CLIENT_SECRET; CAFE24_API_BASE for a separately started sandbox). `passwing start` runs the built-in sandbox.',
      ),
      { kind: 'user' },
    );
  }
  // Loaded here, not at the top: `passwing replay` should not pay for the server, store and sandbox.
  const { DEMO_MALL, launchPassWing } = await import('../launch-passwing.js');
  const { prepareDemoMall } = await import('../demo-mall.js');
  const { createConsoleBackend } = await import('../../server/create-console-backend.js');
  const passwing = await launchPassWing({ config, ...roles, logger, createBackend: createConsoleBackend });
  let stopTrickle = () => {};
  const lines = [''];
  if (roles.web) {
    lines.push(`  패스윙 PassWing  ${passwing.url}/`);
    lines.push(`  웹훅 / webhook URL to register in Cafe24: ${passwing.webhookUrl}`);
    lines.push(`  관리자 / administrator: ${passwing.url}/admin/login (admin)`);
    if (passwing.adminPassword) {
      lines.push(
        `    첫 실행: 관리자 비밀번호 / first start, administrator password: ${passwing.adminPassword}`,
      );
    }
  }
  if (passwing.sandbox) {
    stopTrickle = await prepareDemoMall(passwing, DEMO_MALL, {
      ordersPerMinute: config.sandboxOrdersPerMinute,
      logger,
    });
    const launch = passwing.sandbox.launchUrl(DEMO_MALL, `${passwing.url}/cafe24/launch`);
    lines.push(`  콘솔 열기 / open the console (signed Cafe24 app launch):`);
    lines.push(`    ${launch}`);
    lines.push(
      `  샌드박스 주문 목록 / sandbox order list: ${passwing.sandbox.baseUrl}/${DEMO_MALL}/admin/order/list`,
    );
  }
  if (roles.worker && !roles.web) lines.push('  worker running');
  process.stdout.write(`${lines.join('\n')}\n\n`);
  stopOnSignals(passwing, stopTrickle);
}

/** `passwing start | web | worker`: the roles together (embedded default) or apart (scale-out). */
export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description(
      '웹 + 워커 실행 (Cafe24 자격 증명이 없으면 샌드박스 데모 쇼핑몰과 함께) / web + worker, with the sandbox demo mall when no Cafe24 credentials are set',
    )
    .action(() => serve({ web: true, worker: true }, true));
  program
    .command('web')
    .description('웹 역할만: 콘솔, API, 웹훅 / the web role only: console, API, webhooks')
    .action(() => serve({ web: true, worker: false }, false));
  program
    .command('worker')
    .description(
      '워커 역할만: 주문 처리, 대조, 예약 작업 / the worker role only: order processing, reconciliation, schedules',
    )
    .action(() => serve({ web: false, worker: true }, false));
}
