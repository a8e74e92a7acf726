import { guardRepository, type StoreContext } from './store-context.js';
import { createAuditLogRepository } from './repositories/audit-log-repository.js';
import { createBackfillJobsRepository } from './repositories/backfill-jobs-repository.js';
import { createCredentialsRepository } from './repositories/credentials-repository.js';
import { createFlowsRepository } from './repositories/flows-repository.js';
import { createGiftChecklistRepository } from './repositories/gift-checklist-repository.js';
import { createLabelOwnershipRepository } from './repositories/label-ownership-repository.js';
import { createLedgerRepository } from './repositories/ledger-repository.js';
import { createMallsRepository, createSettingsRepository } from './repositories/malls-repository.js';
import { createNotificationsRepository } from './repositories/notifications-repository.js';
import { createOrdersRepository } from './repositories/orders-repository.js';
import { createProductsRepository } from './repositories/products-repository.js';
import { createRunsRepository } from './repositories/runs-repository.js';
import { createWebhookInboxRepository } from './repositories/webhook-inbox-repository.js';

/**
 * Every tenant-scoped repository over one context (the store, or a transaction of it). Each function
 * takes the mall id first, and every thrown driver error leaves as a StoreError.
 */
export function createRepositories(ctx: StoreContext) {
  const guard = <R extends object>(repository: R): R => guardRepository(ctx.caps, repository);
  return {
    malls: guard(createMallsRepository(ctx)),
    settings: guard(createSettingsRepository(ctx)),
    credentials: guard(createCredentialsRepository(ctx)),
    flows: guard(createFlowsRepository(ctx)),
    orders: guard(createOrdersRepository(ctx)),
    ledger: guard(createLedgerRepository(ctx)),
    labels: guard(createLabelOwnershipRepository(ctx)),
    products: guard(createProductsRepository(ctx)),
    runs: guard(createRunsRepository(ctx)),
    webhookInbox: guard(createWebhookInboxRepository(ctx)),
    notifications: guard(createNotificationsRepository(ctx)),
    auditLog: guard(createAuditLogRepository(ctx)),
    giftChecklist: guard(createGiftChecklistRepository(ctx)),
    backfillJobs: guard(createBackfillJobsRepository(ctx)),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
