import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { DialectCapabilities } from './dialect-capabilities.js';
import { StoreError } from './store-error.js';

// Kysely's schema builder works on an untyped database: the tables do not exist yet.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaDb = Kysely<any>;

/**
 * Versioned, forward-only migrations. Each is written once against the capability table, so it means
 * the same on both backends. Never edit a released migration: add the next one.
 */
export function storeMigrations(caps: DialectCapabilities): Record<string, Migration> {
  const big = caps.bigintType;
  return {
    '0001_initial': {
      async up(db: SchemaDb) {
        await db.schema
          .createTable('malls')
          .addColumn('mall_id', 'text', (c) => c.primaryKey())
          .addColumn('shop_no', 'integer', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('settings', 'text', (c) => c.notNull())
          .addColumn('installed_at', big, (c) => c.notNull())
          .addColumn('uninstalled_at', big)
          .addColumn('delete_after', big)
          .addColumn('updated_at', big, (c) => c.notNull())
          .addCheckConstraint('malls_state', sqlIn('state', ['installed', 'reconnect_needed', 'uninstalled']))
          .execute();

        await db.schema
          .createTable('credentials')
          .addColumn('mall_id', 'text', (c) => c.primaryKey().references('malls.mall_id').onDelete('cascade'))
          .addColumn('access_token', 'text', (c) => c.notNull())
          .addColumn('access_expires_at', big, (c) => c.notNull())
          .addColumn('refresh_token', 'text', (c) => c.notNull())
          .addColumn('refresh_expires_at', big, (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('flows')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('flow_id', 'text', (c) => c.notNull())
          .addColumn('current_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('flows_pk', ['mall_id', 'flow_id'])
          .execute();

        await db.schema
          .createTable('flow_versions')
          .addColumn('mall_id', 'text', (c) => c.notNull())
          .addColumn('flow_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('definition', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('change_note', 'text', (c) => c.notNull())
          .addColumn('copied_from', 'integer')
          .addColumn('created_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('flow_versions_pk', ['mall_id', 'flow_id', 'version'])
          .addForeignKeyConstraint(
            'flow_versions_flow',
            ['mall_id', 'flow_id'],
            'flows',
            ['mall_id', 'flow_id'],
            (c) => c.onDelete('cascade'),
          )
          .execute();

        await db.schema
          .createTable('orders')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('placed_at', big, (c) => c.notNull())
          .addColumn('placed_at_text', 'text', (c) => c.notNull())
          .addColumn('member_id', 'text')
          .addColumn('customer_key', 'text', (c) => c.notNull())
          .addColumn('group_no', 'integer')
          .addColumn('first_order', 'integer')
          .addColumn('product_amount', big, (c) => c.notNull())
          .addColumn('payment_amount', big, (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('payment_methods', 'text', (c) => c.notNull())
          .addColumn('paid', 'text', (c) => c.notNull())
          .addColumn('canceled', 'integer', (c) => c.notNull())
          .addColumn('international', 'integer', (c) => c.notNull())
          .addColumn('zip', 'text')
          .addColumn('state_hash', 'text', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addColumn('personal_purged_at', big)
          .addPrimaryKeyConstraint('orders_pk', ['mall_id', 'order_id'])
          .execute();
        await db.schema.createIndex('orders_placed').on('orders').columns(['mall_id', 'placed_at']).execute();
        await db.schema
          .createIndex('orders_customer')
          .on('orders')
          .columns(['mall_id', 'customer_key'])
          .execute();

        // Personal fields live apart so retention can null them without touching what rules need.
        await db.schema
          .createTable('order_personal')
          .addColumn('mall_id', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('buyer_name', 'text')
          .addColumn('buyer_email', 'text')
          .addColumn('buyer_cellphone', 'text')
          .addColumn('receiver_name', 'text')
          .addColumn('receiver_cellphone', 'text')
          .addColumn('address', 'text')
          .addColumn('client_ip', 'text')
          .addPrimaryKeyConstraint('order_personal_pk', ['mall_id', 'order_id'])
          .addForeignKeyConstraint(
            'order_personal_order',
            ['mall_id', 'order_id'],
            'orders',
            ['mall_id', 'order_id'],
            (c) => c.onDelete('cascade'),
          )
          .execute();

        await db.schema
          .createTable('order_items')
          .addColumn('mall_id', 'text', (c) => c.notNull())
          .addColumn('item_code', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('product_no', 'integer', (c) => c.notNull())
          .addColumn('product_code', 'text', (c) => c.notNull())
          .addColumn('variant_code', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('quantity', 'integer', (c) => c.notNull())
          .addColumn('price', big, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('labels', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('order_items_pk', ['mall_id', 'item_code'])
          .addForeignKeyConstraint(
            'order_items_order',
            ['mall_id', 'order_id'],
            'orders',
            ['mall_id', 'order_id'],
            (c) => c.onDelete('cascade'),
          )
          .execute();
        await db.schema
          .createIndex('order_items_order')
          .on('order_items')
          .columns(['mall_id', 'order_id'])
          .execute();

        await db.schema
          .createTable('label_ownership')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('item_code', 'text', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('run_id', 'text')
          .addColumn('added_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('label_ownership_pk', ['mall_id', 'item_code', 'label'])
          .execute();
        await db.schema
          .createIndex('label_ownership_order')
          .on('label_ownership')
          .columns(['mall_id', 'order_id'])
          .execute();

        await db.schema
          .createTable('ledger_entries')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('customer_key', 'text', (c) => c.notNull())
          .addColumn('placed_at', big, (c) => c.notNull())
          .addColumn('product_amount', big, (c) => c.notNull())
          .addColumn('has_return', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('ledger_entries_pk', ['mall_id', 'order_id'])
          .execute();
        // Covering index: history reads and per-customer aggregates never touch the table itself.
        await db.schema
          .createIndex('ledger_entries_customer')
          .on('ledger_entries')
          .columns(['mall_id', 'customer_key', 'placed_at', 'order_id', 'product_amount', 'has_return'])
          .execute();

        await db.schema
          .createTable('products')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('product_no', 'integer', (c) => c.notNull())
          .addColumn('product_code', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('products_pk', ['mall_id', 'product_no'])
          .execute();

        await db.schema
          .createTable('product_variants')
          .addColumn('mall_id', 'text', (c) => c.notNull())
          .addColumn('variant_code', 'text', (c) => c.notNull())
          .addColumn('product_no', 'integer', (c) => c.notNull())
          .addColumn('quantity', 'integer', (c) => c.notNull())
          .addColumn('use_inventory', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('product_variants_pk', ['mall_id', 'variant_code'])
          .addForeignKeyConstraint(
            'product_variants_product',
            ['mall_id', 'product_no'],
            'products',
            ['mall_id', 'product_no'],
            (c) => c.onDelete('cascade'),
          )
          .execute();
        await db.schema
          .createIndex('product_variants_product')
          .on('product_variants')
          .columns(['mall_id', 'product_no'])
          .execute();

        await db.schema
          .createTable('runs')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('trigger', 'text', (c) => c.notNull())
          .addColumn('started_at', big, (c) => c.notNull())
          .addColumn('finished_at', big, (c) => c.notNull())
          .addColumn('flow_versions', 'text', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('trace', 'text', (c) => c.notNull())
          .addColumn('actions', 'text', (c) => c.notNull())
          .addColumn('timings', 'text', (c) => c.notNull())
          .addColumn('masked', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('runs_pk', ['mall_id', 'run_id'])
          .execute();
        await db.schema.createIndex('runs_order').on('runs').columns(['mall_id', 'order_id']).execute();
        await db.schema.createIndex('runs_started').on('runs').columns(['mall_id', 'started_at']).execute();

        await db.schema
          .createTable('webhook_inbox')
          .addColumn('id', caps.autoIncrementType, caps.autoIncrementId)
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('dedupe_key', 'text', (c) => c.notNull())
          .addColumn('event_no', 'integer', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('received_at', big, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('processed_at', big)
          .addColumn('error', 'text')
          .addUniqueConstraint('webhook_inbox_dedupe', ['mall_id', 'dedupe_key'])
          .execute();
        await db.schema
          .createIndex('webhook_inbox_status')
          .on('webhook_inbox')
          .columns(['mall_id', 'status', 'received_at'])
          .execute();

        await db.schema
          .createTable('notifications')
          .addColumn('id', caps.autoIncrementType, caps.autoIncrementId)
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('dedupe_key', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('order_id', 'text')
          .addColumn('run_id', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('sent_at', big)
          .addColumn('error', 'text')
          .addUniqueConstraint('notifications_dedupe', ['mall_id', 'dedupe_key'])
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', caps.autoIncrementType, caps.autoIncrementId)
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('at', big, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').columns(['mall_id', 'at']).execute();

        await db.schema
          .createTable('gift_checklist')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('gift', 'text', (c) => c.notNull())
          .addColumn('run_id', 'text')
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('checked_at', big)
          .addColumn('checked_by', 'text')
          .addPrimaryKeyConstraint('gift_checklist_pk', ['mall_id', 'order_id', 'gift'])
          .execute();

        await db.schema
          .createTable('backfill_jobs')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('job_id', 'text', (c) => c.notNull())
          .addColumn('from_date', 'text', (c) => c.notNull())
          .addColumn('to_date', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('cursor', 'text')
          .addColumn('processed', 'integer', (c) => c.notNull())
          .addColumn('total', 'integer')
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addColumn('finished_at', big)
          .addColumn('error', 'text')
          .addColumn('kind', 'text', (c) => c.notNull().defaultTo('import'))
          .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}'))
          .addPrimaryKeyConstraint('backfill_jobs_pk', ['mall_id', 'job_id'])
          .addCheckConstraint('backfill_jobs_kind', sqlIn('kind', ['import', 'backfill', 'dryRun']))
          .addCheckConstraint(
            'backfill_jobs_status',
            sqlIn('status', ['running', 'paused', 'done', 'failed', 'cancelled']),
          )
          .execute();
        await db.schema
          .createIndex('backfill_jobs_created')
          .on('backfill_jobs')
          .columns(['mall_id', 'created_at'])
          .execute();

        // 운영 의견 / 자동화 기준 요청: what merchants ask of the operator, with the operator's answer.
        await db.schema
          .createTable('merchant_requests')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('request_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('flow_id', 'text')
          .addColumn('order_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('reply', 'text')
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('merchant_requests_pk', ['mall_id', 'request_id'])
          .addCheckConstraint('merchant_requests_kind', sqlIn('kind', ['feedback', 'automation']))
          .addCheckConstraint(
            'merchant_requests_status',
            sqlIn('status', ['received', 'reviewing', 'planned', 'done', 'declined']),
          )
          .execute();
        await db.schema
          .createIndex('merchant_requests_created')
          .on('merchant_requests')
          .columns(['mall_id', 'created_at'])
          .execute();

        // Single-use keys (OAuth state, app-launch signatures) shared by every process; not per mall:
        // a state nonce exists before the mall is known.
        await db.schema
          .createTable('nonces')
          .addColumn('nonce_key', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', big, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('nonces_expires').on('nonces').column('expires_at').execute();

        // Local administrators of a self-hosted install without Cafe24 (password: scrypt hash text).
        await db.schema
          .createTable('admin_users')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();

        // Console preferences per mall and user (language).
        await db.schema
          .createTable('user_preferences')
          .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.mall_id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('user_preferences_pk', ['mall_id', 'user_id'])
          .execute();
      },
    },
    '0002_preregistrations': {
      async up(db: SchemaDb) {
        // Not per mall: pre-registrations are the operator's prospects (issue 9). Personal columns
        // hold sealed text; the unique HMACs refuse a second registration of an e-mail or a mall.
        await db.schema
          .createTable('preregistrations')
          .addColumn('id', caps.autoIncrementType, caps.autoIncrementId)
          .addColumn('name', 'text')
          .addColumn('email', 'text')
          .addColumn('phone', 'text')
          .addColumn('mall', 'text')
          .addColumn('email_hash', 'text', (c) => c.unique())
          .addColumn('mall_hash', 'text', (c) => c.unique())
          .addColumn('daily_orders', big)
          .addColumn('pains', 'text', (c) => c.notNull())
          .addColumn('tools', 'text')
          .addColumn('consent_version', 'text', (c) => c.notNull())
          .addColumn('consented_at', big, (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('benefit_applied_at', big)
          .addColumn('destroyed_at', big)
          .execute();
        await db.schema
          .createTable('preregistration_keys')
          .addColumn('purpose', 'text', (c) => c.primaryKey())
          .addColumn('sealed_key', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003_cafe24_call_budget': {
      async up(db: SchemaDb) {
        // Each mall's Cafe24 call bucket as every process sees it (issue 8), one row per mall, locked
        // for each reservation. Levels and instants are fractional (calls drain at 2/s), hence doubles.
        await db.schema
          .createTable('cafe24_call_budget')
          .addColumn('mall_id', 'text', (c) => c.primaryKey().references('malls.mall_id').onDelete('cascade'))
          .addColumn('level', 'double precision', (c) => c.notNull())
          .addColumn('level_at', 'double precision', (c) => c.notNull())
          .addColumn('last_slot', 'double precision', (c) => c.notNull())
          .addColumn('paused_until', 'double precision', (c) => c.notNull())
          .addColumn('capacity', 'integer', (c) => c.notNull())
          .execute();
      },
    },
    '0004_mall_locks': {
      async up(db: SchemaDb) {
        // The order pipeline's per-mall lease: one batch of a mall at a time across all workers.
        await db.schema
          .createTable('mall_locks')
          .addColumn('mall_id', 'text', (c) => c.primaryKey().references('malls.mall_id').onDelete('cascade'))
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('locked_until', big, (c) => c.notNull())
          .execute();
      },
    },
  };
}

/** `column in ('a', 'b')` for a check constraint; values are constants of this file, never input. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

/** Applies every pending migration in order; throws StoreError('migration_failed') naming the one that failed. */
export async function migrateToLatest(db: SchemaDb, caps: DialectCapabilities): Promise<string[]> {
  const migrations = storeMigrations(caps);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((entry) => entry.status === 'Error');
  if (result.error !== undefined || failed !== undefined) {
    throw new StoreError(
      'migration_failed',
      'unexpected',
      `Migration ${failed?.migrationName ?? '?'} failed.`,
      {
        cause: result.error,
      },
    );
  }
  return (result.results ?? [])
    .filter((entry) => entry.status === 'Success')
    .map((entry) => entry.migrationName);
}
