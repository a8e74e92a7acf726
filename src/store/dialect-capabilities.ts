import SqliteDatabase from 'better-sqlite3';
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** How a driver error is classified, independent of the backend's own codes. */
export type DbErrorClass =
  'unique' | 'foreignKey' | 'notNull' | 'check' | 'busy' | 'retryable' | 'unavailable' | null;

/**
 * Every difference between SQLite and PostgreSQL the store relies on, in one place (DESIGN:
 * "backend differences are a capability table"). Schema, repositories and retention are written once
 * against this table; nothing else asks which backend it runs on.
 */
export interface DialectCapabilities {
  readonly name: DialectName;
  /** Column type for epoch-millisecond instants and other 64-bit integers. */
  readonly bigintType: 'integer' | 'bigint';
  /** Adds an auto-incrementing integer primary key to a column definition. */
  readonly autoIncrementId: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /** Column type of an auto-incrementing id. */
  readonly autoIncrementType: 'integer' | 'bigint';
  /**
   * Serialises writers of the given keys (a mall's refresh, a customer's ledger) across processes
   * for the rest of the transaction `trx`.
   * SQLite: transactions already start IMMEDIATE (one writer per file), so nothing to add.
   * PostgreSQL: a transaction-scoped advisory lock.
   */
  readonly lockKeys: (trx: Kysely<Database>, keys: readonly string[]) => Promise<void>;
  /** Whether an error came from the database driver (anything else is the caller's and passes through). */
  readonly isDriverError: (error: unknown) => boolean;
  /** Maps a driver error to a class; null when it is none of the known ones. */
  readonly classifyError: (error: unknown) => DbErrorClass;
}

const sqliteCodes: Record<string, DbErrorClass> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreignKey',
  SQLITE_CONSTRAINT_NOTNULL: 'notNull',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_BUSY: 'busy',
  SQLITE_BUSY_SNAPSHOT: 'busy',
  SQLITE_LOCKED: 'busy',
};

const postgresCodes: Record<string, DbErrorClass> = {
  '23505': 'unique',
  '23503': 'foreignKey',
  '23502': 'notNull',
  '23514': 'check',
  '40001': 'retryable',
  '40P01': 'retryable',
  '55P03': 'busy',
  // The server is shutting down, restarting or refusing this database's connections for now.
  '57P01': 'unavailable',
  '57P02': 'unavailable',
  '57P03': 'unavailable',
  '55000': 'unavailable',
  '08000': 'unavailable',
  '08001': 'unavailable',
  '08003': 'unavailable',
  '08006': 'unavailable',
};

/** The PostgreSQL server cannot be reached or dropped the connection (no SQLSTATE then). */
const isConnectionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(codeOf(error) ?? '') ||
    /^Connection terminated/.test(error.message));

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

export const dialectCapabilities: Record<DialectName, DialectCapabilities> = {
  sqlite: {
    name: 'sqlite',
    bigintType: 'integer',
    autoIncrementType: 'integer',
    autoIncrementId: (column) => column.primaryKey().autoIncrement(),
    lockKeys: async () => {},
    isDriverError: (error) => error instanceof SqliteDatabase.SqliteError,
    classifyError: (error) => sqliteCodes[codeOf(error) ?? ''] ?? null,
  },
  postgres: {
    name: 'postgres',
    bigintType: 'bigint',
    autoIncrementType: 'bigint',
    autoIncrementId: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    lockKeys: async (trx, keys) => {
      // Sorted, one at a time: two writers locking overlapping key sets never deadlock.
      for (const key of [...new Set(keys)].sort()) {
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      }
    },
    isDriverError: (error) => error instanceof pg.DatabaseError || isConnectionFailure(error),
    classifyError: (error) =>
      isConnectionFailure(error) ? 'unavailable' : (postgresCodes[codeOf(error) ?? ''] ?? null),
  },
};
