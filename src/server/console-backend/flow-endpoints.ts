import { randomUUID } from 'node:crypto';
import type { Flow } from '../../engine/flow-schema.js';
import { validateFlow } from '../../engine/validate-flow.js';
import type {
  CreateFlowRequest,
  FlowDetail,
  FlowDiffQuery,
  FlowDiffResponse,
  FlowDraft,
  FlowListResponse,
  FlowSummary,
  FlowVersionInfo,
  FlowVersionsResponse,
  ReorderFlowsRequest,
  RollbackFlowRequest,
  SetFlowEnabledRequest,
  UpdateFlowRequest,
  ValidateFlowResponse,
} from '../api-contract.js';
import { ConsoleRequestError, type ConsoleActor, type ConsoleBackend } from '../console-backend.js';
import type {
  FlowVersionInfo as StoredVersionInfo,
  SaveFlowResult,
  StoredFlowVersion,
} from '../../store/repositories/flows-repository.js';
import { audit, DAY_MS, isoKst, notFound, type BackendDeps } from './shared.js';

type FlowEndpoints = Pick<
  ConsoleBackend,
  | 'listFlows'
  | 'createFlow'
  | 'getFlow'
  | 'updateFlow'
  | 'setFlowEnabled'
  | 'reorderFlows'
  | 'listFlowVersions'
  | 'diffFlowVersions'
  | 'rollbackFlow'
  | 'validateFlow'
>;

const RECENT_RUNS_SCANNED = 2000;

/** Change notes of versions the console writes by itself, in the console's first language (Korean). */
const VERSION_NOTES = {
  created: '새로 만듦',
  enabled: '사용 시작',
  disabled: '사용 중지',
  reordered: '실행 순서 변경',
} as const;

export const versionInfo = (stored: StoredVersionInfo): FlowVersionInfo => ({
  version: stored.version,
  changeNote: stored.changeNote,
  createdAt: isoKst(stored.createdAt),
  createdBy: stored.author,
});

export const flowDetail = (stored: StoredFlowVersion): FlowDetail => ({
  flow: stored.flow,
  current: versionInfo(stored),
});

/** Labels a flow's actions add (label actions and gift targets). */
export function labelsAddedBy(flow: Flow): string[] {
  const labels = new Set<string>();
  for (const rule of flow.rules) {
    for (const action of rule.then) {
      if (action.type === 'addLabel') labels.add(action.label);
      if (action.type === 'giftTarget') labels.add(action.label ?? action.gift);
    }
  }
  return [...labels];
}

/**
 * Engine validation of a complete flow; refuses with `flow_invalid` and the engine's issues
 * (`path` like `rules[0].when.conditions[1].value`, bilingual message) as details.
 */
export function requireValidFlow(deps: BackendDeps, candidate: unknown): Flow {
  const result = validateFlow(candidate, { maxLabelLength: deps.ctx.config.maxLabelLength });
  if (!result.ok) {
    throw new ConsoleRequestError('flow_invalid', 'The flow is not valid.', { issues: result.issues });
  }
  return result.flow;
}

/** A save result → the stored version, or the matching refusal. */
function savedOrThrow(result: SaveFlowResult, flowId: string): StoredFlowVersion {
  if (result.ok) return result.flow;
  if (result.error.code === 'not_found') throw notFound(`Flow ${flowId} version`);
  throw new ConsoleRequestError(
    'version_conflict',
    'Someone saved this flow in the meantime; reload it and apply your change again.',
    { currentVersion: result.error.currentVersion },
  );
}

export function flowEndpoints(deps: BackendDeps): FlowEndpoints {
  const { store } = deps.ctx;
  const requireFlow = async (mallId: string, flowId: string): Promise<StoredFlowVersion> => {
    const stored = await store.flows.get(mallId, flowId);
    if (stored === null) throw notFound(`Flow ${flowId}`);
    return stored;
  };
  const save = async (
    actor: ConsoleActor,
    flow: Flow,
    meta: { note: string; expectedVersion?: number },
  ): Promise<StoredFlowVersion> =>
    savedOrThrow(
      await store.flows.save(actor.mallId, flow, {
        author: actor.userId,
        note: meta.note,
        now: deps.ctx.now(),
        ...(meta.expectedVersion === undefined ? {} : { expectedVersion: meta.expectedVersion }),
      }),
      flow.id,
    );

  const listFlows = async (actor: ConsoleActor): Promise<FlowListResponse> => {
    const [stored, runs] = await Promise.all([
      store.flows.list(actor.mallId),
      store.runs.search(actor.mallId, { from: deps.ctx.now() - 7 * DAY_MS, limit: RECENT_RUNS_SCANNED }),
    ]);
    const flows: FlowSummary[] = stored.map((entry) => {
      let lastRun: FlowSummary['lastRun'] = null;
      const matchedOrders = new Set<string>();
      for (const run of runs) {
        if (!run.flowVersions.some((version) => version.flowId === entry.flowId)) continue;
        const matched = ((run.decision as { matched?: { flowId: string }[] } | null)?.matched ?? []).some(
          (rule) => rule.flowId === entry.flowId,
        );
        lastRun ??= { runId: run.runId, orderId: run.orderId, at: isoKst(run.startedAt), matched };
        if (matched) matchedOrders.add(run.orderId);
      }
      return {
        id: entry.flowId,
        name: entry.flow.name,
        enabled: entry.flow.enabled,
        priority: entry.flow.priority,
        version: entry.version,
        templateId: entry.flow.templateId ?? null,
        ruleCount: entry.flow.rules.length,
        labels: labelsAddedBy(entry.flow),
        updatedAt: isoKst(entry.createdAt),
        lastRun,
        matchedLast7Days: matchedOrders.size,
      };
    });
    return { flows };
  };

  return {
    listFlows,

    async createFlow(actor, body: CreateFlowRequest) {
      const flow = requireValidFlow(deps, {
        ...body.flow,
        id: `flow-${randomUUID().slice(0, 8)}`,
        version: 1,
      });
      const saved = await save(actor, flow, {
        note: body.changeNote || VERSION_NOTES.created,
        expectedVersion: 0,
      });
      await audit(deps, actor, {
        action: 'flow.create',
        target: `flow:${flow.id}`,
        summary: `"${flow.name}" 만듦`,
      });
      return flowDetail(saved);
    },

    async getFlow(actor, flowId) {
      return flowDetail(await requireFlow(actor.mallId, flowId));
    },

    async updateFlow(actor, flowId, body: UpdateFlowRequest) {
      await requireFlow(actor.mallId, flowId);
      const flow = requireValidFlow(deps, { ...body.flow, id: flowId, version: body.baseVersion });
      const saved = await save(actor, flow, { note: body.changeNote, expectedVersion: body.baseVersion });
      await audit(deps, actor, {
        action: 'flow.update',
        target: `flow:${flowId}`,
        summary: `v${saved.version}: ${body.changeNote}`,
      });
      return flowDetail(saved);
    },

    async setFlowEnabled(actor, flowId, body: SetFlowEnabledRequest) {
      const current = await requireFlow(actor.mallId, flowId);
      if (current.flow.enabled === body.enabled) return flowDetail(current);
      const change = body.enabled ? 'enabled' : 'disabled';
      const saved = await save(
        actor,
        { ...current.flow, enabled: body.enabled },
        { note: VERSION_NOTES[change], expectedVersion: current.version },
      );
      await audit(deps, actor, {
        action: `flow.${change.slice(0, -1)}`,
        target: `flow:${flowId}`,
        summary: VERSION_NOTES[change],
      });
      return flowDetail(saved);
    },

    async reorderFlows(actor, body: ReorderFlowsRequest) {
      const stored = await store.flows.list(actor.mallId);
      const known = stored.map((entry) => entry.flowId).sort();
      const given = [...body.flowIds].sort();
      if (known.length !== given.length || known.some((id, index) => id !== given[index])) {
        throw new ConsoleRequestError('invalid_order', 'List every flow of the mall exactly once.', {
          expected: known,
        });
      }
      const now = deps.ctx.now();
      // Priorities 10, 20, 30 …: the list's order; flows whose priority already fits keep their version.
      await store.transaction(async (repositories) => {
        for (const [index, flowId] of body.flowIds.entries()) {
          const entry = stored.find((candidate) => candidate.flowId === flowId);
          const priority = (index + 1) * 10;
          if (entry === undefined || entry.flow.priority === priority) continue;
          savedOrThrow(
            await repositories.flows.save(
              actor.mallId,
              { ...entry.flow, priority },
              { author: actor.userId, note: VERSION_NOTES.reordered, now, expectedVersion: entry.version },
            ),
            flowId,
          );
        }
        await repositories.auditLog.append(actor.mallId, {
          actor: actor.userId,
          action: 'flow.reorder',
          target: 'flows',
          details: { summary: `실행 순서: ${body.flowIds.join(', ')}` },
          at: now,
        });
      });
      return listFlows(actor);
    },

    async listFlowVersions(actor, flowId): Promise<FlowVersionsResponse> {
      const versions = await store.flows.listVersions(actor.mallId, flowId);
      if (versions.length === 0) throw notFound(`Flow ${flowId}`);
      return { versions: versions.map(versionInfo) };
    },

    async diffFlowVersions(actor, flowId, query: FlowDiffQuery): Promise<FlowDiffResponse> {
      const [from, to] = await Promise.all([
        store.flows.getVersion(actor.mallId, flowId, query.from),
        store.flows.getVersion(actor.mallId, flowId, query.to),
      ]);
      if (from === null || to === null) throw notFound(`Flow ${flowId} version`);
      return {
        from: { info: versionInfo(from), flow: from.flow },
        to: { info: versionInfo(to), flow: to.flow },
      };
    },

    async rollbackFlow(actor, flowId, body: RollbackFlowRequest) {
      await requireFlow(actor.mallId, flowId);
      const note = body.changeNote ?? `v${body.version}으로 되돌림`;
      const saved = savedOrThrow(
        await store.flows.rollback(actor.mallId, flowId, body.version, {
          author: actor.userId,
          note,
          now: deps.ctx.now(),
        }),
        flowId,
      );
      await audit(deps, actor, {
        action: 'flow.rollback',
        target: `flow:${flowId}`,
        summary: `v${body.version}의 내용으로 v${saved.version} 저장`,
      });
      return flowDetail(saved);
    },

    async validateFlow(_actor, candidate): Promise<ValidateFlowResponse> {
      // The editor's draft lacks the id and version the server assigns; supply them unless given.
      const withIdentity =
        typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)
          ? { id: 'draft', version: 1, ...(candidate as Partial<FlowDraft>) }
          : candidate;
      const result = validateFlow(withIdentity, { maxLabelLength: deps.ctx.config.maxLabelLength });
      return result.ok ? { ok: true, issues: [] } : { ok: false, issues: result.issues };
    },
  };
}
