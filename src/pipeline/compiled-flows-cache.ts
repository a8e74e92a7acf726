import { compileFlows, type CompiledFlowSet } from '../engine/compile-flows.js';
import type { Store } from '../store/open-store.js';

export interface MallFlows {
  compiled: CompiledFlowSet;
  /** The version of every flow in the set, for the run record. */
  versions: { flowId: string; version: number }[];
}

/**
 * Compiled flow sets per mall, keyed by the mall's flow versions: a save creates a new version, so
 * a stale set is never used; compiling happens once per change, not per order. Only the most
 * recently used `maxMalls` sets are kept (default 256; a set with its generated code is tens of KB
 * and compiles in about a millisecond), so memory stays bounded however many malls are installed.
 */
export class CompiledFlowsCache {
  private readonly cache = new Map<string, { key: string; flows: MallFlows }>();
  private readonly maxMalls: number;

  constructor(
    private readonly store: Store,
    private readonly options: { maxLabelLength: number; maxMalls?: number },
  ) {
    this.maxMalls = Math.max(1, options.maxMalls ?? 256);
  }

  /** Number of malls whose compiled set is held now. */
  get size(): number {
    return this.cache.size;
  }

  async get(mallId: string): Promise<MallFlows> {
    const stored = await this.store.flows.list(mallId);
    const versions = stored.map((entry) => ({ flowId: entry.flowId, version: entry.version }));
    const key = versions.map((v) => `${v.flowId}@${v.version}`).join(',');
    const cached = this.cache.get(mallId);
    const flows: MallFlows =
      cached && cached.key === key
        ? cached.flows
        : {
            compiled: compileFlows(
              stored.map((entry) => entry.flow),
              { maxLabelLength: this.options.maxLabelLength },
            ),
            versions,
          };
    // Re-inserting keeps the Map in least-recently-used-first order.
    this.cache.delete(mallId);
    this.cache.set(mallId, { key, flows });
    if (this.cache.size > this.maxMalls) this.cache.delete(this.cache.keys().next().value!);
    return flows;
  }
}
