import { guardRepository, type StoreContext } from './store-context.js';
import { createAuditLogRepository } from './repositories/audit-log-repository.js';
import { createBackfillJobsRepository } from './repositories/backfill-jobs-repository.js';
import { createCafe24CallBudgetRepository } from './repositories/cafe24-call-budget-repository.js';
import { createCredentialsRepository } from './repositories/credentials-repository.js';
import { createFlowsRepository } from './repositories/flows-repository.js';
import { createGiftChecklistRepository } from './repositories/gift-checklist-repository.js';
import { createLabelOwnershipRepository } from './repositories/label-ownership-repository.js';
import { createLedgerRepository } from './repositories/ledger-repository.js';
import { createMallLocksRepository } from './repositories/mall-locks-repository.js';
import { createMallsRepository, createSettingsRepository } from './repositories/malls-repository.js';
import { createNotificationsRepository } from './repositories/notifications-repository.js';
import { createOrdersRepository } from './repositories/orders-repository.js';
import { createPreregistrationsRepository } from './repositories/preregistrations-repository.js';
import { createProductsRepository } from './repositories/products-repository.js';
import { createRunsRepository } from './repositories/runs-repository.js';
import { createWebhookInboxRepository } from './repositories/webhook-inbox-repository.js';
import { createMerchantRequestsRepository } from './repositories/merchant-requests-repository.js';
import { createNoncesRepository } from './repositories/nonces-repository.js';
import { createAdminUsersRepository } from './repositories/admin-users-repository.js';
import { createUserPreferencesRepository } from './repositories/user-preferences-repository.js';

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
    /** Each mall's Cafe24 call bucket, shared by every process (cafe24's SharedBucketStore). */
    cafe24CallBudget: guard(createCafe24CallBudgetRepository(ctx)),
    /** One order batch per mall at a time across every worker. */
    mallLocks: guard(createMallLocksRepository(ctx)),
    /** Not tenant-scoped: the operator's pre-registrations (issue 9). */
    preregistrations: guard(createPreregistrationsRepository(ctx)),
    merchantRequests: guard(createMerchantRequestsRepository(ctx)),
    userPreferences: guard(createUserPreferencesRepository(ctx)),
    /** Not tenant-scoped (see the repository): single-use keys across processes. */
    nonces: guard(createNoncesRepository(ctx)),
    /** Not tenant-scoped: local administrators of a self-hosted install. */
    adminUsers: guard(createAdminUsersRepository(ctx)),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
