import { compileFlows, type CompiledFlowSet } from '../engine/compile-flows.js';
import type { Store } from '../store/open-store.js';

export interface MallFlows {
  compiled: CompiledFlowSet;
  /** The version of every flow in the set, for the run record. */
  versions: { flowId: string; version: number }[];
}

/**
 * Compiled flow sets per mall, keyed by the mall's flow versions: a save creates a new version, so
 * a stale set is never used; compiling happens once per change, not per order.
 */
export class CompiledFlowsCache {
  private readonly cache = new Map<string, { key: string; flows: MallFlows }>();

  constructor(
    private readonly store: Store,
    private readonly options: { maxLabelLength: number },
  ) {}

  async get(mallId: string): Promise<MallFlows> {
    const stored = await this.store.flows.list(mallId);
    const versions = stored.map((entry) => ({ flowId: entry.flowId, version: entry.version }));
    const key = versions.map((v) => `${v.flowId}@${v.version}`).join(',');
    const cached = this.cache.get(mallId);
    if (cached && cached.key === key) return cached.flows;
    const flows: MallFlows = {
      compiled: compileFlows(
        stored.map((entry) => entry.flow),
        { maxLabelLength: this.options.maxLabelLength },
      ),
      versions,
    };
    this.cache.set(mallId, { key, flows });
    return flows;
  }
}
