import { z } from 'zod';
import { Flow, type FlowInput } from '../../engine/flow-schema.js';
import { diffFlows, type FlowChange } from '../flow-diff.js';
import { fromJson, toJson, transact, type StoreContext } from '../store-context.js';

/** Who made a version, when and why. */
export const FlowVersionInfo = z.object({
  flowId: z.string(),
  version: z.number().int(),
  author: z.string(),
  changeNote: z.string(),
  /** Set on a rollback: the version this one was copied from. */
  copiedFrom: z.number().int().nullable(),
  createdAt: z.number(),
});
export type FlowVersionInfo = z.infer<typeof FlowVersionInfo>;

export type StoredFlowVersion = FlowVersionInfo & { flow: Flow };

export type SaveFlowResult =
  | { ok: true; flow: StoredFlowVersion }
  | { ok: false; error: { code: 'version_conflict'; currentVersion: number } | { code: 'not_found' } };

export interface ChangeMeta {
  author: string;
  note: string;
  now: number;
}

type VersionRow = {
  flow_id: string;
  version: number;
  definition: string;
  author: string;
  change_note: string;
  copied_from: number | null;
  created_at: number;
};

const toStored = (row: VersionRow): StoredFlowVersion => ({
  flowId: row.flow_id,
  version: Number(row.version),
  author: row.author,
  changeNote: row.change_note,
  copiedFrom: row.copied_from === null ? null : Number(row.copied_from),
  createdAt: Number(row.created_at),
  flow: Flow.parse(fromJson(row.definition)),
});

const versionColumns = [
  'flow_versions.flow_id',
  'flow_versions.version',
  'flow_versions.definition',
  'flow_versions.author',
  'flow_versions.change_note',
  'flow_versions.copied_from',
  'flow_versions.created_at',
] as const;

/** PassFlows with immutable versions: every save appends a version; nothing is ever rewritten. */
export function createFlowsRepository(ctx: StoreContext) {
  const append = (
    trx: StoreContext,
    mallId: string,
    definition: Flow,
    meta: ChangeMeta & { expectedVersion?: number; copiedFrom?: number },
  ): Promise<SaveFlowResult> =>
    transact(trx, async ({ db }) => {
      const head = await db
        .selectFrom('flows')
        .select('current_version')
        .where('mall_id', '=', mallId)
        .where('flow_id', '=', definition.id)
        .executeTakeFirst();
      const current = head === undefined ? 0 : Number(head.current_version);
      if (meta.expectedVersion !== undefined && meta.expectedVersion !== current) {
        return { ok: false, error: { code: 'version_conflict', currentVersion: current } };
      }
      const version = current + 1;
      const flow: Flow = { ...definition, version };
      if (head === undefined) {
        await db
          .insertInto('flows')
          .values({
            mall_id: mallId,
            flow_id: flow.id,
            current_version: version,
            created_at: meta.now,
            updated_at: meta.now,
          })
          .execute();
      } else {
        const moved = await db
          .updateTable('flows')
          .set({ current_version: version, updated_at: meta.now })
          .where('mall_id', '=', mallId)
          .where('flow_id', '=', flow.id)
          .where('current_version', '=', current)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) {
          return { ok: false, error: { code: 'version_conflict', currentVersion: current } };
        }
      }
      const row: VersionRow = {
        flow_id: flow.id,
        version,
        definition: toJson(flow),
        author: meta.author,
        change_note: meta.note,
        copied_from: meta.copiedFrom ?? null,
        created_at: meta.now,
      };
      await db
        .insertInto('flow_versions')
        .values({ mall_id: mallId, ...row })
        .execute();
      return { ok: true, flow: toStored(row) };
    });

  const getVersion = async (
    mallId: string,
    flowId: string,
    version: number,
  ): Promise<StoredFlowVersion | null> => {
    const row = await ctx.db
      .selectFrom('flow_versions')
      .select(versionColumns)
      .where('mall_id', '=', mallId)
      .where('flow_id', '=', flowId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? null : toStored(row);
  };

  return {
    /**
     * Validates and appends a new version of the flow (creating it on first save). With
     * `expectedVersion`, fails with `version_conflict` when someone saved in between.
     */
    save(
      mallId: string,
      input: FlowInput,
      meta: ChangeMeta & { expectedVersion?: number },
    ): Promise<SaveFlowResult> {
      return append(ctx, mallId, Flow.parse(input), meta);
    },

    /** The current version of a flow, or null. */
    async get(mallId: string, flowId: string): Promise<StoredFlowVersion | null> {
      const row = await ctx.db
        .selectFrom('flows')
        .innerJoin('flow_versions', (join) =>
          join
            .onRef('flow_versions.mall_id', '=', 'flows.mall_id')
            .onRef('flow_versions.flow_id', '=', 'flows.flow_id')
            .onRef('flow_versions.version', '=', 'flows.current_version'),
        )
        .select(versionColumns)
        .where('flows.mall_id', '=', mallId)
        .where('flows.flow_id', '=', flowId)
        .executeTakeFirst();
      return row === undefined ? null : toStored(row);
    },

    /** The current version of every flow of the mall, by priority then name (the engine's order). */
    async list(mallId: string): Promise<StoredFlowVersion[]> {
      const rows = await ctx.db
        .selectFrom('flows')
        .innerJoin('flow_versions', (join) =>
          join
            .onRef('flow_versions.mall_id', '=', 'flows.mall_id')
            .onRef('flow_versions.flow_id', '=', 'flows.flow_id')
            .onRef('flow_versions.version', '=', 'flows.current_version'),
        )
        .select(versionColumns)
        .where('flows.mall_id', '=', mallId)
        .execute();
      return rows
        .map(toStored)
        .sort(
          (a, b) =>
            a.flow.priority - b.flow.priority ||
            (a.flow.name < b.flow.name ? -1 : a.flow.name > b.flow.name ? 1 : 0),
        );
    },

    /** Every version of a flow, newest first (without definitions). */
    async listVersions(mallId: string, flowId: string): Promise<FlowVersionInfo[]> {
      const rows = await ctx.db
        .selectFrom('flow_versions')
        .select(versionColumns)
        .where('mall_id', '=', mallId)
        .where('flow_id', '=', flowId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((row) => {
        const { flow: _flow, ...info } = toStored(row);
        return info;
      });
    },

    /** One version of a flow, or null. */
    getVersion,

    /** Rolls back by appending a new version copied from `toVersion`; history stays intact. */
    async rollback(
      mallId: string,
      flowId: string,
      toVersion: number,
      meta: ChangeMeta,
    ): Promise<SaveFlowResult> {
      return transact(ctx, async (trx) => {
        const old = await createFlowsRepository(trx).getVersion(mallId, flowId, toVersion);
        if (old === null) return { ok: false, error: { code: 'not_found' } };
        return append(trx, mallId, old.flow, { ...meta, copiedFrom: toVersion });
      });
    },

    /** Structured changes from version `from` to version `to`; null when either does not exist. */
    async diff(mallId: string, flowId: string, from: number, to: number): Promise<FlowChange[] | null> {
      const [before, after] = await Promise.all([
        getVersion(mallId, flowId, from),
        getVersion(mallId, flowId, to),
      ]);
      if (before === null || after === null) return null;
      const { version: _a, ...beforeFlow } = before.flow;
      const { version: _b, ...afterFlow } = after.flow;
      return diffFlows(beforeFlow, afterFlow);
    },
  };
}
export type FlowsRepository = ReturnType<typeof createFlowsRepository>;
