import { describe, expect, it } from 'vitest';
import type { Cafe24Client } from '../cafe24/cafe24-client.js';
import { customerGroupNames, MAX_CACHED_MALLS } from './customer-group-names.js';
import type { PipelineContext } from './pipeline-context.js';

/** A context whose Cafe24 answers each mall's groups (named after the mall) and counts the calls. */
function contextOf() {
  const calls: string[] = [];
  let now = Date.parse('2026-12-01T00:00:00Z');
  let failing = false;
  const ctx = {
    now: () => now,
    logger: { warn: () => {} },
    cafe24: {
      client: (mallId: string) =>
        ({
          get: async () => {
            calls.push(mallId);
            if (failing) throw new Error('Cafe24 unavailable');
            return { customergroups: [{ group_no: 1, group_name: `${mallId} 일반` }] };
          },
        }) as unknown as Cafe24Client,
    },
  } as unknown as PipelineContext;
  return {
    ctx,
    calls,
    advance: (ms: number) => (now += ms),
    fail: () => (failing = true),
  };
}

describe('customerGroupNames', () => {
  it('asks Cafe24 once per mall within ten minutes, then again', async () => {
    const { ctx, calls, advance } = contextOf();
    expect(await customerGroupNames(ctx, 'mall-a')).toEqual(new Map([[1, 'mall-a 일반']]));
    advance(9 * 60_000);
    await customerGroupNames(ctx, 'mall-a');
    expect(calls).toEqual(['mall-a']);
    advance(2 * 60_000);
    await customerGroupNames(ctx, 'mall-a');
    expect(calls).toEqual(['mall-a', 'mall-a']);
  });

  it('falls back to the stale names when Cafe24 fails', async () => {
    const { ctx, advance, fail } = contextOf();
    await customerGroupNames(ctx, 'mall-a');
    advance(11 * 60_000);
    fail();
    expect(await customerGroupNames(ctx, 'mall-a')).toEqual(new Map([[1, 'mall-a 일반']]));
  });

  it(`keeps the names of at most ${MAX_CACHED_MALLS} malls, dropping the least recently used`, async () => {
    const { ctx, calls } = contextOf();
    await customerGroupNames(ctx, 'mall-0');
    for (let i = 1; i <= MAX_CACHED_MALLS; i += 1) {
      await customerGroupNames(ctx, `mall-${i}`);
      if (i === 1) await customerGroupNames(ctx, 'mall-0'); // mall-0 is now more recent than mall-1
    }
    calls.length = 0;
    await customerGroupNames(ctx, 'mall-0');
    await customerGroupNames(ctx, `mall-${MAX_CACHED_MALLS}`);
    expect(calls).toEqual([]);
    await customerGroupNames(ctx, 'mall-1');
    expect(calls).toEqual(['mall-1']);
  });
});
