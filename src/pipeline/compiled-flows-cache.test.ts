import { describe, expect, it } from 'vitest';
import type { Flow } from '../engine/flow-schema.js';
import type { Store } from '../store/open-store.js';
import { findTemplate } from '../templates/index.js';
import { CompiledFlowsCache } from './compiled-flows-cache.js';

/** A store holding flow versions per mall, counting list calls. */
function storeOf(flowsByMall: Map<string, { flow: Flow; version: number }[]>) {
  return {
    flows: {
      list: async (mallId: string) =>
        (flowsByMall.get(mallId) ?? []).map(({ flow, version }) => ({ flowId: flow.id, version, flow })),
    },
  } as unknown as Store;
}

const flowOf = (templateId: string): Flow => findTemplate(templateId)!.build({});

describe('CompiledFlowsCache', () => {
  it('reuses the compiled set while the versions are unchanged and recompiles after a save', async () => {
    const flowsByMall = new Map([['mall-a', [{ flow: flowOf('HIGH_VALUE'), version: 1 }]]]);
    const cache = new CompiledFlowsCache(storeOf(flowsByMall), { maxLabelLength: 50 });
    const first = await cache.get('mall-a');
    expect(await cache.get('mall-a')).toBe(first);
    flowsByMall.set('mall-a', [
      { flow: flowOf('HIGH_VALUE'), version: 2 },
      { flow: flowOf('ISLAND_SHIP'), version: 1 },
    ]);
    const second = await cache.get('mall-a');
    expect(second).not.toBe(first);
    expect(second.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('keeps at most maxMalls compiled sets, dropping the least recently used', async () => {
    const flowsByMall = new Map(
      ['mall-a', 'mall-b', 'mall-c'].map((mallId) => [mallId, [{ flow: flowOf('HIGH_VALUE'), version: 1 }]]),
    );
    const cache = new CompiledFlowsCache(storeOf(flowsByMall), { maxLabelLength: 50, maxMalls: 2 });
    const a = await cache.get('mall-a');
    const b = await cache.get('mall-b');
    await cache.get('mall-a'); // a is now more recent than b
    await cache.get('mall-c'); // drops b
    expect(cache.size).toBe(2);
    expect(await cache.get('mall-a')).toBe(a);
    const bAgain = await cache.get('mall-b');
    expect(bAgain).not.toBe(b);
    // Recompiled from the store, the dropped mall's set is equivalent to the one it had.
    expect(bAgain.versions).toEqual(b.versions);
    expect(bAgain.compiled.source).toBe(b.compiled.source);
  });
});
