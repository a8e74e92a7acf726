import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.js';
import { dialectCapabilities, type DialectCapabilities } from './dialect-capabilities.js';
import { migrateToLatest } from './migrations.js';
import { createRepositories, type Repositories } from './create-repositories.js';
import { createSecretBox, resolveSecretKey, type StoreLogger } from './secret-box.js';
import { translateError, transact, type StoreContext } from './store-context.js';
import { StoreError } from './store-error.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export interface StoreOptions {
  /** Absent → SQLite file `<dataDir>/passwing.sqlite`; `sqlite::memory:`; `sqlite:<path>`; `postgres://…[?schema=name]`. */
  databaseUrl?: string;
  /** Where the SQLite file and the generated key file live. */
  dataDir: string;
  /** 32-byte key (hex or base64) sealing tokens; absent → a key file in `dataDir`. */
  secretKey?: string;
  /** PostgreSQL schema to use (overrides `?schema=`); created by `migrate()`. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  logger?: StoreLogger;
}

export type DatabaseTarget =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; schema: string | null };

/** Decides which database an options object means; throws a user StoreError for an unknown URL. */
export function resolveDatabaseTarget(
  options: Pick<StoreOptions, 'databaseUrl' | 'dataDir' | 'schema'>,
): DatabaseTarget {
  const url = options.databaseUrl?.trim() ?? '';
  if (url === '') return { kind: 'sqlite', path: join(options.dataDir, 'passwing.sqlite') };
  if (url === 'sqlite::memory:' || url === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  if (url.startsWith('sqlite:'))
    return { kind: 'sqlite', path: url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = options.schema ?? parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new StoreError('invalid_database_url', 'user', `Invalid PostgreSQL schema name "${schema}".`);
    }
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new StoreError(
    'invalid_database_url',
    'user',
    'DATABASE_URL must be empty (SQLite under the data directory), sqlite::memory:, sqlite:<path> or postgres://….',
  );
}

/** The store: repositories plus the Kysely instance, the capability table and lifecycle. */
export type Store = Repositories & {
  readonly db: Kysely<Database>;
  readonly caps: DialectCapabilities;
  readonly target: DatabaseTarget;
  /** Applies pending migrations (creating the PostgreSQL schema first); returns the names applied. */
  migrate(): Promise<string[]>;
  /**
   * Runs `work` in one transaction with repositories bound to it. Inside, use only those: on SQLite
   * the store's one connection is held, so calling `store.*` there would wait forever.
   */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/**
 * SQLite transactions start IMMEDIATE: they take the file's write lock up front, so two processes
 * queue on busy_timeout instead of failing when a read transaction tries to become a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: KyselySqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

function openSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(withStatementCache(database)) });
}

const INT8_OID = 20;

function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  poolSize: number,
  logger: StoreLogger | undefined,
): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: poolSize,
    ...(target.schema === null ? {} : { options: `-c search_path=${target.schema}` }),
    // Instants and amounts are int8; they fit a JS number, so read them as numbers (like SQLite does).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A connection the server drops (restart, failover: 57P01) emits an error: on the pool while idle,
  // on the client itself while checked out (e.g. inside a transaction between two queries). Without
  // listeners that is an uncaught error ending the process; the query in flight, if any, still
  // fails on its own, and the pool opens a new connection on demand.
  const lost = (error: Error) => logger?.warn({ err: error }, 'PostgreSQL connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the store selected by the options (nothing is read from the environment). Call `migrate()`
 * before use. PostgreSQL requires `secretKey`; the generated key file is for the embedded default.
 */
export function openStore(options: StoreOptions): Store {
  const target = resolveDatabaseTarget(options);
  if (target.kind === 'postgres' && options.secretKey === undefined) {
    // Processes on several machines share one database: a key file generated per machine would make
    // each one unable to open the others' tokens.
    throw new StoreError(
      'invalid_secret_key',
      'user',
      'PASSWING_SECRET_KEY is required with PostgreSQL (generate one with `openssl rand -base64 32`).',
    );
  }
  const box = createSecretBox(resolveSecretKey(options));
  const db =
    target.kind === 'sqlite'
      ? openSqlite(target.path)
      : openPostgres(target, options.poolSize ?? 10, options.logger);
  const caps = dialectCapabilities[target.kind];
  const ctx: StoreContext = { db, caps, box };
  return {
    ...createRepositories(ctx),
    db,
    caps,
    target,
    async migrate() {
      if (target.kind === 'postgres' && target.schema !== null) {
        // Two processes starting together may both create it; the loser's unique violation is harmless.
        await db.schema
          .createSchema(target.schema)
          .ifNotExists()
          .execute()
          .catch((error: unknown) => {
            if (caps.classifyError(error) !== 'unique') throw translateError(caps, error);
          });
      }
      return migrateToLatest(db, caps);
    },
    transaction: (work) => transact(ctx, (trx) => work(createRepositories(trx))),
    close: () => db.destroy(),
  };
}
