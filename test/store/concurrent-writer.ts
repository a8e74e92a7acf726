// A separate writer process for the concurrency test: `node --import tsx concurrent-writer.ts <json>`.
// It writes orders of one shared customer, webhook events with keys every writer uses, and increments
// a counter through credentials compare-and-set; prints a JSON summary on stdout.
import { openChildStore, type ChildStoreArgs } from './child-store.js';
import { makeOrder } from './order-fixtures.js';

interface WriterArgs extends ChildStoreArgs {
  worker: number;
  orders: number;
  increments: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as WriterArgs;
const store = openChildStore(args);
const now = Date.parse('2026-03-02T12:00:00+09:00');
let duplicates = 0;
let casRetries = 0;
try {
  for (let index = 0; index < args.orders; index += 1) {
    const minute = String(index % 60).padStart(2, '0');
    await store.orders.save(
      args.mallId,
      makeOrder(`w${args.worker}-${index}`, {
        memberId: 'shared',
        productAmount: 1000,
        placedAt: `2026-03-02T10:${minute}:00+09:00`,
      }),
      now,
    );
    const received = await store.webhookInbox.receive(args.mallId, {
      dedupeKey: `event-${index}`,
      eventNo: 90023,
      payload: { worker: args.worker },
      receivedAt: now,
    });
    if (!received.ok) duplicates += 1;
  }
  for (let index = 0; index < args.increments; index += 1) {
    for (;;) {
      const current = await store.credentials.get(args.mallId);
      if (current === null) throw new Error('no credentials');
      const next = { ...current, accessToken: String(Number(current.accessToken) + 1) };
      const result = await store.credentials.compareAndSet(args.mallId, current.version, next, now);
      if (result.ok) break;
      casRetries += 1;
    }
  }
  process.stdout.write(JSON.stringify({ worker: args.worker, duplicates, casRetries }));
} finally {
  await store.close();
}
