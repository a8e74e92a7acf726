// A PassWing process for the call-budget test: `node --import tsx call-budget-process.ts <json>`. It
// opens the store, reserves `calls` Cafe24 slots of one mall through the shared limiter (`parallel`
// at a time, never waiting for them) and prints the slots it was given as JSON on stdout.
import { SharedBucketLimiter } from '../../src/cafe24/rate-limiter.js';
import { openChildStore, type ChildStoreArgs } from './child-store.js';
import { hammer, MIN_INTERVAL_MS, noWaitClock, recording } from './call-budget-recorder.js';

interface ProcessArgs extends ChildStoreArgs {
  calls: number;
  parallel: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ProcessArgs;
const store = openChildStore(args);
try {
  const slots: number[] = [];
  const limiter = new SharedBucketLimiter({
    budget: recording(store.cafe24CallBudget, slots),
    clock: noWaitClock,
    minIntervalMs: MIN_INTERVAL_MS,
  });
  await hammer([limiter], args.mallId, args.calls, args.parallel);
  process.stdout.write(JSON.stringify(slots));
} finally {
  await store.close();
}
