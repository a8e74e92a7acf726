import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache.js';

describe('withStatementCache', () => {
  let database: SqliteDatabase.Database;
  afterEach(() => {
    if (database.open) database.close();
  });

  it('prepares each SQL text once and answers from the reused statement', () => {
    database = new SqliteDatabase(':memory:');
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    const prepare = vi.spyOn(database, 'prepare');
    const cached = withStatementCache(database);
    for (const name of ['a', 'b', 'c']) cached.prepare('INSERT INTO t (name) VALUES (?)').run([name]);
    expect(cached.prepare('SELECT name FROM t ORDER BY id').all([])).toEqual([
      { name: 'a' },
      { name: 'b' },
      { name: 'c' },
    ]);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    database = new SqliteDatabase(':memory:');
    const prepare = vi.spyOn(database, 'prepare');
    const cached = withStatementCache(database, 2);
    cached.prepare('SELECT 1');
    cached.prepare('SELECT 2');
    cached.prepare('SELECT 1'); // now most recent
    cached.prepare('SELECT 3'); // evicts SELECT 2
    cached.prepare('SELECT 1');
    expect(prepare).toHaveBeenCalledTimes(3);
    cached.prepare('SELECT 2');
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('a statement prepared before a migration sees the new schema', () => {
    database = new SqliteDatabase(':memory:');
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t (id) VALUES (1)');
    const cached = withStatementCache(database);
    expect(cached.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1 }]);
    database.exec("ALTER TABLE t ADD COLUMN note TEXT NOT NULL DEFAULT 'x'");
    expect(cached.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, note: 'x' }]);
  });

  it('closes the database and refuses a capacity below one', () => {
    database = new SqliteDatabase(':memory:');
    withStatementCache(database).close();
    expect(database.open).toBe(false);
    database = new SqliteDatabase(':memory:');
    expect(() => withStatementCache(database, 0)).toThrow(/capacity/);
  });
});
