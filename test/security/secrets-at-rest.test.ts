import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgePersonalData } from '../../src/store/retention.js';
import { startPassWing, waitFor, type Harness } from '../pipeline/passwing-harness.js';

const MALL = 'secret-mall';

/** Every byte PassWing keeps on disk in its data directory (database, WAL, queue). */
const diskBytes = (dataDir: string) =>
  Buffer.concat(
    readdirSync(dataDir)
      .filter((name) => name !== 'secret.key')
      .map((name) => readFileSync(join(dataDir, name))),
  );

describe('secrets and personal data at rest', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startPassWing({ malls: [MALL], historyOrders: 5 });
  });
  afterAll(async () => harness?.cleanup());

  it('keeps no plaintext OAuth token in the database files', async () => {
    const tokens = await harness.passwing.runtime.ctx.store.credentials.get(MALL);
    expect(tokens?.accessToken.length).toBeGreaterThan(10);
    const bytes = diskBytes(harness.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(tokens!.accessToken))).toBe(false);
    expect(bytes.includes(Buffer.from(tokens!.refreshToken))).toBe(false);
  });

  it('purges buyer and receiver data past retention and keeps what rules need', async () => {
    const { store } = harness.passwing.runtime.ctx;
    const [orderId] = await harness.passwing.sandbox!.generateOrders(MALL, 1);
    await waitFor(async () => (await store.runs.listForOrder(MALL, orderId!)).length > 0, 30_000, 'run');
    const before = await store.orders.get(MALL, orderId!);
    expect(before?.personal.receiverName).toBeTruthy();
    // "Older than 0 days" as of an hour from now: every order of the mall is past retention.
    await purgePersonalData(store, { now: Date.now() + 3600_000, olderThanDays: 1 / 24 / 2, mallId: MALL });
    const after = await store.orders.get(MALL, orderId!);
    expect(after?.personal).toEqual({
      buyerName: null,
      buyerEmail: null,
      buyerCellphone: null,
      receiverName: null,
      receiverCellphone: null,
      address: null,
      clientIp: null,
    });
    expect(after?.zip).toBe(before?.zip);
    expect(after?.productAmount).toBe(before?.productAmount);
  });
});
