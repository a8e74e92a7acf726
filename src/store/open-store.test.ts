import { describe, expect, it } from 'vitest';
import { openStore, resolveDatabaseTarget } from './open-store.js';

describe('resolveDatabaseTarget', () => {
  it('defaults to an SQLite file in the data directory', () => {
    expect(resolveDatabaseTarget({ dataDir: '/srv/data' })).toEqual({
      kind: 'sqlite',
      path: '/srv/data/passwing.sqlite',
    });
    expect(resolveDatabaseTarget({ dataDir: 'data', databaseUrl: '  ' })).toEqual({
      kind: 'sqlite',
      path: 'data/passwing.sqlite',
    });
  });

  it('accepts in-memory and explicit SQLite paths', () => {
    expect(resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'sqlite::memory:' })).toEqual({
      kind: 'sqlite',
      path: ':memory:',
    });
    expect(resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'sqlite:/tmp/x.sqlite' })).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.sqlite',
    });
    expect(resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'sqlite:///tmp/x.sqlite' })).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.sqlite',
    });
  });

  it('takes the PostgreSQL schema from ?schema= (removed from the URL) or the option, the option winning', () => {
    expect(
      resolveDatabaseTarget({
        dataDir: 'd',
        databaseUrl: 'postgres://u@h:5432/db?schema=tenant_a&sslmode=disable',
      }),
    ).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u@h:5432/db?sslmode=disable',
      schema: 'tenant_a',
    });
    expect(
      resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'postgresql://u@h/db?schema=a', schema: 'b' }),
    ).toMatchObject({ schema: 'b' });
    expect(resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'postgres://u@h/db' })).toMatchObject({
      schema: null,
    });
  });

  it('rejects unknown URLs and unsafe schema names as user errors', () => {
    expect(() => resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'mysql://h/db' })).toThrow(
      expect.objectContaining({ code: 'invalid_database_url', kind: 'user' }),
    );
    expect(() =>
      resolveDatabaseTarget({ dataDir: 'd', databaseUrl: 'postgres://h/db?schema=a;drop' }),
    ).toThrow(expect.objectContaining({ code: 'invalid_database_url' }));
  });
});

describe('openStore', () => {
  it('requires an explicit secret key with PostgreSQL, before connecting', () => {
    expect(() => openStore({ databaseUrl: 'postgres://u@127.0.0.1:1/db', dataDir: '/nonexistent' })).toThrow(
      expect.objectContaining({ code: 'invalid_secret_key', kind: 'user' }),
    );
  });
});
