import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import { parseInstant } from '../facts/kst-clock.js';
import type { Database } from './database-schema.js';
import type { DbErrorClass, DialectCapabilities } from './dialect-capabilities.js';
import type { SecretBox } from './secret-box.js';
import { StoreError } from './store-error.js';

/** What every repository is built from. `db` may be a transaction; repositories never open a second one then. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly caps: DialectCapabilities;
  readonly box: SecretBox;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in one transaction (or inside the caller's). Deadlocks, serialisation failures and
 * busy files are retried a few times unless `retry` is false (work with effects outside the
 * database); whatever still fails is thrown as a StoreError.
 */
export async function transact<C extends Pick<StoreContext, 'db' | 'caps'>, T>(
  ctx: C,
  work: (trx: C) => Promise<T>,
  options: { retry: boolean } = { retry: true },
): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
    } catch (error) {
      const kind = ctx.caps.classifyError(error);
      if (options.retry && (kind === 'retryable' || kind === 'busy') && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt * attempt));
        continue;
      }
      throw translateError(ctx.caps, error);
    }
  }
}

const messages: Record<Exclude<DbErrorClass, null>, [StoreError['code'], StoreError['kind'], string]> = {
  unique: ['conflict', 'user', 'A row with the same key already exists for this mall.'],
  foreignKey: [
    'reference_missing',
    'user',
    'The row refers to something that does not exist (is the mall installed?).',
  ],
  notNull: ['invalid_value', 'user', 'A required value is missing.'],
  check: ['invalid_value', 'user', 'A value is outside the allowed set.'],
  busy: ['busy', 'operational', 'The database is busy; try again.'],
  retryable: ['busy', 'operational', 'The transaction collided with another one; try again.'],
  unavailable: [
    'unavailable',
    'operational',
    'The database cannot be reached right now (is it running, and is DATABASE_URL right?); try again.',
  ],
};

/**
 * Turns a driver or validation error into a StoreError with a stable code (constraint violations and
 * invalid values are user errors). Any other error (thrown by the caller's own code) passes unchanged.
 */
export function translateError(caps: DialectCapabilities, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (error instanceof ZodError) {
    return new StoreError(
      'invalid_value',
      'user',
      `Invalid value: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      {
        cause: error,
        details: { issues: error.issues },
      },
    );
  }
  if (!caps.isDriverError(error)) return error;
  const kind = caps.classifyError(error);
  if (kind === null) {
    return new StoreError('database_error', 'unexpected', 'The database reported an unexpected error.', {
      cause: error,
    });
  }
  const [code, errorKind, message] = messages[kind];
  const constraint = constraintOf(error);
  return new StoreError(code, errorKind, constraint === null ? message : `${message} (${constraint})`, {
    cause: error,
    details: constraint === null ? undefined : { constraint },
  });
}

/**
 * The violated constraint, never the values: PostgreSQL names it in `constraint`; SQLite lists the
 * columns in its message ("UNIQUE constraint failed: runs.mall_id, runs.run_id").
 */
function constraintOf(error: unknown): string | null {
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  if (typeof constraint === 'string') return constraint;
  const match = typeof message === 'string' ? /constraint failed: ([\w., ]+)$/.exec(message) : null;
  return match?.[1] ?? null;
}

/**
 * Wraps every function of a repository so a thrown driver error leaves it as a StoreError. Applied
 * once when repositories are built, so no function can forget it.
 */
export function guardRepository<R extends object>(caps: DialectCapabilities, repository: R): R {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    guarded[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw translateError(caps, error);
            }
          }
        : value;
  }
  return guarded as R;
}

/** JSON text columns: parse what we wrote ourselves. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
export const toJson = (value: unknown): string => JSON.stringify(value);
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean): boolean => value === 1 || value === true;

/**
 * An order's `placedAt` as epoch ms, parsed exactly as the in-memory history and the engine parse it
 * (so ledger and in-memory answers agree); a bad value is a user error.
 */
export function instantOf(placedAt: string, orderId: string): number {
  try {
    return parseInstant(placedAt);
  } catch (cause) {
    throw new StoreError('invalid_value', 'user', `Order ${orderId} has an invalid placedAt.`, { cause });
  }
}
