import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createJobQueue } from '../../queue/create-job-queue.js';
import { openStore } from '../../store/open-store.js';
import { purgePersonalData } from '../../store/retention.js';
import { CliUsageError } from '../cli-errors.js';
import { jobQueueConfig } from '../runtime.js';

function openConfiguredStore() {
  const config = loadConfig();
  const store = openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(config.secretKey ? { secretKey: config.secretKey } : {}),
    logger: createLogger({ level: config.logLevel }),
  });
  return { config, store };
}

async function withQueue<T>(work: (queue: ReturnType<typeof createJobQueue>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const queue = createJobQueue(jobQueueConfig(config));
  await queue.start();
  try {
    return await work(queue);
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 0 });
  }
}

/** `passwing migrate`, `passwing purge`, `passwing jobs failed|retry`. */
export function registerMaintenanceCommands(program: Command): void {
  program
    .command('migrate')
    .description('데이터베이스 마이그레이션 적용 / apply database migrations')
    .action(async () => {
      const { store } = openConfiguredStore();
      try {
        const applied = await store.migrate();
        process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
      } finally {
        await store.close();
      }
    });
  program
    .command('purge')
    .description('보관 기간이 지난 개인정보 파기 / purge personal data past retention')
    .option('--older-than-days <n>', 'override every mall’s retention (days)')
    .action(async (options: { olderThanDays?: string }) => {
      const days = options.olderThanDays === undefined ? undefined : Number(options.olderThanDays);
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new CliUsageError(
          `--older-than-days: 1 이상의 정수가 필요합니다 / expected a positive integer, got "${options.olderThanDays}"`,
        );
      }
      const { store } = openConfiguredStore();
      try {
        await store.migrate();
        const counts = await purgePersonalData(store, {
          now: Date.now(),
          ...(days ? { olderThanDays: days } : {}),
        });
        process.stdout.write(`${JSON.stringify(counts)}\n`);
      } finally {
        await store.close();
      }
    });
  const jobs = program.command('jobs').description('작업 큐 / the job queue');
  jobs
    .command('failed')
    .description('실패(데드레터) 작업 목록 / list dead-lettered jobs')
    .option('--limit <n>', 'how many', '50')
    .action((options: { limit: string }) =>
      withQueue(async (queue) => {
        for (const job of await queue.failed(Number(options.limit) || 50)) {
          process.stdout.write(
            `${JSON.stringify({ id: job.id, name: job.name, attempts: job.attempts, error: job.error, failedAt: job.failedAt })}\n`,
          );
        }
      }),
    );
  jobs
    .command('retry')
    .argument('<id>', 'job id')
    .description('실패 작업 재시도 / put a failed job back in the queue')
    .action((id: string) =>
      withQueue(async (queue) => {
        const outcome = await queue.retry(id);
        if (!outcome.ok) throw new CliUsageError(`job ${id}: ${outcome.error}`);
        process.stdout.write(`job ${id} queued again\n`);
      }),
    );
}
