import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database-schema.js';
import type { DialectName } from '../dialect-capabilities.js';
import { transact, type StoreContext } from '../store-context.js';

/** One mall's Cafe24 call bucket as every process sees it (the shape of cafe24's `BucketState`). */
export interface CallBudget {
  level: number;
  levelAt: number;
  lastSlot: number;
  capacity: number;
  pausedUntil: number;
}

/**
 * The two backend differences of this table (candidates for dialect-capabilities.ts). PostgreSQL may
 * serve processes on several machines: `now` is the database's clock (no skew between them) and the
 * row is locked FOR UPDATE. SQLite serves one machine: its process clock will do, and the IMMEDIATE
 * write transaction already excludes every other writer of the file.
 */
const budgetDialects: Record<
  DialectName,
  { lockRow: boolean; now: (localNow: () => number) => RawBuilder<number> }
> = {
  postgres: {
    lockRow: true,
    now: () => sql<number>`(extract(epoch from clock_timestamp()) * 1000)::float8`,
  },
  sqlite: { lockRow: false, now: (localNow) => sql<number>`${localNow()}` },
};

const columns = ['level', 'level_at', 'last_slot', 'capacity', 'paused_until'] as const;

type BudgetRow = Pick<Database['cafe24_call_budget'], (typeof columns)[number]>;

const toBudget = (row: BudgetRow): CallBudget => ({
  level: Number(row.level),
  levelAt: Number(row.level_at),
  lastSlot: Number(row.last_slot),
  capacity: Number(row.capacity),
  pausedUntil: Number(row.paused_until),
});

const toRow = (budget: CallBudget): BudgetRow => ({
  level: budget.level,
  level_at: budget.levelAt,
  last_slot: budget.lastSlot,
  capacity: budget.capacity,
  paused_until: budget.pausedUntil,
});

/**
 * Each mall's Cafe24 call budget shared by every process on this database (implements cafe24's
 * `SharedBucketStore`). `localNow` is the calling process's clock, used only where it is the shared
 * one (SQLite). Rows go with the mall (foreign key, cascade).
 */
export function createCafe24CallBudgetRepository(ctx: StoreContext) {
  const dialect = budgetDialects[ctx.caps.name];

  const selectRow = (
    db: Kysely<Database>,
    mallId: string,
    localNow: () => number,
    options: { lock: boolean },
  ) =>
    db
      .selectFrom('cafe24_call_budget')
      .select(columns)
      .select(dialect.now(localNow).as('now'))
      .where('mall_id', '=', mallId)
      .$if(options.lock && dialect.lockRow, (query) => query.forUpdate())
      .executeTakeFirst();

  const clockNow = async (db: Kysely<Database>, localNow: () => number): Promise<number> => {
    const row = await db.selectNoFrom(dialect.now(localNow).as('now')).executeTakeFirstOrThrow();
    return Number(row.now);
  };

  return {
    /** The mall's budget and the shared clock's now, without a lock; null when never used. */
    async read(mallId: string, localNow: () => number): Promise<{ bucket: CallBudget; now: number } | null> {
      const row = await selectRow(ctx.db, mallId, localNow, { lock: false });
      return row === undefined ? null : { bucket: toBudget(row), now: Number(row.now) };
    },

    /**
     * In one transaction holding the mall's row (or creating it): passes the budget (null when never
     * used) and the shared clock's now to `change`, stores the budget it returns and resolves with its
     * result. `change` must be pure: it runs again when the transaction is retried.
     */
    async update<T>(
      mallId: string,
      localNow: () => number,
      change: (bucket: CallBudget | null, now: number) => { bucket: CallBudget; result: T },
    ): Promise<T> {
      return transact(ctx, async ({ db }) => {
        for (;;) {
          const row = await selectRow(db, mallId, localNow, { lock: true });
          if (row !== undefined) {
            const { bucket, result } = change(toBudget(row), Number(row.now));
            await db
              .updateTable('cafe24_call_budget')
              .set(toRow(bucket))
              .where('mall_id', '=', mallId)
              .execute();
            return result;
          }
          const { bucket, result } = change(null, await clockNow(db, localNow));
          const inserted = await db
            .insertInto('cafe24_call_budget')
            .values({ mall_id: mallId, ...toRow(bucket) })
            .onConflict((oc) => oc.column('mall_id').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows) > 0) return result;
          // Another process created the row meanwhile: lock it and start over from its state.
        }
      });
    },
  };
}
export type Cafe24CallBudgetRepository = ReturnType<typeof createCafe24CallBudgetRepository>;
