import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { KEY_FILE_NAME } from '../../src/store/secret-box.js';
import { storeTargets, TEST_SECRET_KEY, type OpenedStore } from './store-targets.js';

describe.each(storeTargets())('migrations on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => opened?.cleanup());

  it('records applied migrations and applies nothing the second time', async () => {
    opened = await target.open();
    expect(await opened.store.migrate()).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      opened.store.db,
    );
    expect(applied.rows.map((row) => row.name)).toEqual([
      '0001_initial',
      '0002_preregistrations',
      '0003_cafe24_call_budget',
      '0004_mall_locks',
    ]);
  });

  it('enforces foreign keys: rows of an unknown mall are refused', async () => {
    opened = await target.open();
    const failure = await opened.store.labels
      .claim('no-such-mall', [{ itemCode: 'x-01', label: 'VIP', orderId: 'x', runId: null, addedAt: 0 }])
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'reference_missing', kind: 'user' });
  });
});

describe('embedded default', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates and migrates an SQLite file and a 0600 key file in the data directory with a warning', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'passwing-default-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const warnings: string[] = [];
    const store = openStore({ dataDir, logger: { warn: (_details, message) => warnings.push(message) } });
    expect(await store.migrate()).toEqual([
      '0001_initial',
      '0002_preregistrations',
      '0003_cafe24_call_budget',
      '0004_mall_locks',
    ]);
    await store.malls.install('m1', { shopNo: 1, plan: 'free', now: 0 });
    await store.credentials.put(
      'm1',
      { accessToken: 'a', accessExpiresAt: 0, refreshToken: 'r', refreshExpiresAt: 0 },
      0,
    );
    await store.close();
    expect(statSync(join(dataDir, 'passwing.sqlite')).isFile()).toBe(true);
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);

    const reopened = openStore({ dataDir, logger: { warn: (_details, message) => warnings.push(message) } });
    expect((await reopened.credentials.get('m1'))?.accessToken).toBe('a');
    await reopened.close();
    expect(warnings).toHaveLength(1);
  });

  it('refuses to open stored tokens under a different key with a clear user error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passwing-key-'));
    dirs.push(dataDir);
    const first = openStore({ dataDir, secretKey: TEST_SECRET_KEY });
    await first.migrate();
    await first.malls.install('m1', { shopNo: 1, plan: 'free', now: 0 });
    await first.credentials.put(
      'm1',
      { accessToken: 'a', accessExpiresAt: 0, refreshToken: 'r', refreshExpiresAt: 0 },
      0,
    );
    await first.close();
    const second = openStore({ dataDir, secretKey: 'ab'.repeat(32) });
    await expect(second.credentials.get('m1')).rejects.toMatchObject({
      code: 'decryption_failed',
      kind: 'user',
    });
    await second.close();
  });
});
