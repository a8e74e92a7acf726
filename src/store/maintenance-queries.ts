import type { Store } from './open-store.js';

// The only queries that span malls: schedulers use them to find the malls to act on, then call the
// tenant-scoped functions with each mall id.

/** Cross-tenant (scheduler): uninstalled malls whose grace period has elapsed. */
export async function listMallsDueForDeletion(store: Store, now: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom('malls')
    .select('mall_id')
    .where('state', '=', 'uninstalled')
    .where('delete_after', '<=', now)
    .orderBy('mall_id')
    .execute();
  return rows.map((row) => row.mall_id);
}

/** Cross-tenant (scheduler): installed malls whose refresh token expires before `before` (proactive refresh). */
export async function listMallsWithRefreshExpiringBefore(store: Store, before: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom('credentials')
    .innerJoin('malls', 'malls.mall_id', 'credentials.mall_id')
    .select('credentials.mall_id')
    .where('malls.state', '=', 'installed')
    .where('credentials.refresh_expires_at', '<', before)
    .orderBy('credentials.refresh_expires_at')
    .execute();
  return rows.map((row) => row.mall_id);
}

/** Cross-tenant (scheduler): every installed mall, for the per-mall schedules. */
export async function listInstalledMalls(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('malls')
    .select('mall_id')
    .where('state', '=', 'installed')
    .orderBy('mall_id')
    .execute();
  return rows.map((row) => row.mall_id);
}

/** Cross-tenant (the operator's view): every mall's merchant requests, newest first. */
export async function listAllMerchantRequests(
  store: Store,
  limit: number,
): Promise<
  {
    mallId: string;
    requestId: string;
    kind: string;
    title: string;
    body: string;
    status: string;
    reply: string | null;
    createdAt: number;
  }[]
> {
  const rows = await store.db
    .selectFrom('merchant_requests')
    .select(['mall_id', 'request_id', 'kind', 'title', 'body', 'status', 'reply', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    mallId: row.mall_id,
    requestId: row.request_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    status: row.status,
    reply: row.reply,
    createdAt: Number(row.created_at),
  }));
}
