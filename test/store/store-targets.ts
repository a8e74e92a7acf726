import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.js';

/** PostgreSQL of the test machine (trust auth, database `test`). */
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export const TEST_SECRET_KEY = randomBytes(32).toString('base64');

export interface OpenedStore {
  store: Store;
  dataDir: string;
  /** Closes the store and removes what it created (temp dir, PostgreSQL schema). */
  cleanup(): Promise<void>;
}

export interface StoreTarget {
  name: 'sqlite-file' | 'sqlite-memory' | 'postgres';
  open(): Promise<OpenedStore>;
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'passwing-store-'));

export const freshSchemaName = (): string => `t_store_${randomBytes(6).toString('hex')}`;

/** Drops a test schema through a separate connection. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

const targets: Record<string, StoreTarget[]> = {
  sqlite: [
    {
      name: 'sqlite-file',
      async open() {
        const dataDir = tempDir();
        const store = openStore({ dataDir, secretKey: TEST_SECRET_KEY });
        await store.migrate();
        return {
          store,
          dataDir,
          async cleanup() {
            await store.close();
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
    },
    {
      name: 'sqlite-memory',
      async open() {
        const dataDir = tempDir();
        const store = openStore({ databaseUrl: 'sqlite::memory:', dataDir, secretKey: TEST_SECRET_KEY });
        await store.migrate();
        return {
          store,
          dataDir,
          async cleanup() {
            await store.close();
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
    },
  ],
  postgres: [
    {
      name: 'postgres',
      async open() {
        const dataDir = tempDir();
        const schema = freshSchemaName();
        const store = openStore({ databaseUrl: POSTGRES_URL, schema, dataDir, secretKey: TEST_SECRET_KEY });
        await store.migrate();
        return {
          store,
          dataDir,
          async cleanup() {
            await store.close();
            await dropSchema(schema);
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
    },
  ],
};

/** The backends chosen by `DIALECTS=sqlite,postgres` (default `sqlite`): SQLite means file and in-memory. */
export function storeTargets(): StoreTarget[] {
  const chosen = (process.env.DIALECTS ?? 'sqlite')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return chosen.flatMap((name) => {
    const found = targets[name];
    if (found === undefined) throw new Error(`Unknown dialect "${name}" in DIALECTS (use sqlite, postgres).`);
    return found;
  });
}

export const postgresChosen = (): boolean => storeTargets().some((target) => target.name === 'postgres');

let counter = 0;
/** A mall id not used by any other test of this process. */
export const uniqueMallId = (prefix = 'mall'): string => `${prefix}-${process.pid}-${(counter += 1)}`;
