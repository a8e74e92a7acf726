import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * better-sqlite3 as Kysely sees it, with prepared statements reused by SQL text. Kysely prepares
 * every query anew, and parsing the SQL was a large share of a small write (webhook intake spent
 * about 4% of its time there). Statements are kept most-recently-used first, at most `capacity`,
 * since `IN (…)` lists of varying length make many distinct texts. Safe because better-sqlite3 runs
 * a statement synchronously to completion; PassWing never streams (iterates) a query.
 */
export function withStatementCache(database: SqliteDatabase.Database, capacity = 500): KyselySqliteDatabase {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
