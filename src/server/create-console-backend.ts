import { randomUUID } from 'node:crypto';
import { fetchCustomerGroups } from '../cafe24/resources/customer-groups.js';
import { describeFactCatalogue } from '../engine/fact-catalogue.js';
import {
  BackfillRequestError,
  DryRunReport,
  pauseBackfill,
  resumeBackfill,
  startBackfill,
} from '../pipeline/backfill.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { BackfillJob } from '../store/repositories/backfill-jobs-repository.js';
import type { MerchantRequest } from '../store/repositories/merchant-requests-repository.js';
import type { BackfillStatus, CustomerGrade, Plan, RequestItem } from './api-contract.js';
import { ConsoleRequestError, type ConsoleActor, type ConsoleBackend } from './console-backend.js';
import { flowEndpoints, labelsAddedBy } from './console-backend/flow-endpoints.js';
import { runEndpoints } from './console-backend/run-endpoints.js';
import { settingsEndpoints } from './console-backend/settings-endpoints.js';
import { audit, isoKst, notFound, type BackendDeps } from './console-backend/shared.js';
import { simulationEndpoints } from './console-backend/simulation-endpoints.js';
import { templateEndpoints } from './console-backend/template-endpoints.js';

const BACKFILLS_LISTED = 50;
const REQUESTS_LISTED = 100;

export interface ConsoleBackendOptions {
  /** The session's CSRF token for `getSession` (the auth layer issues it); '' when not given. */
  csrfTokenFor?: (actor: ConsoleActor) => string;
}

/** `trial`, `paid`, `expired`, or `freeUntil:<ISO date>` (early users) as stored in malls.plan. */
function planOf(stored: string): Plan {
  const [state, until] = stored.split(':', 2) as [string, string | undefined];
  if (state === 'freeUntil' && until !== undefined && !Number.isNaN(Date.parse(until))) {
    return { state: 'freeUntil', until: isoKst(Date.parse(until)) };
  }
  if (state === 'paid' || state === 'expired') return { state, until: null };
  return { state: 'trial', until: null };
}

const labelReport = (report: unknown) =>
  Object.entries(DryRunReport.catch({}).parse(report))
    .map(([label, change]) => ({ label, ...change }))
    .sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || a.label.localeCompare(b.label));

function backfillStatus(job: BackfillJob): BackfillStatus {
  const state =
    job.status === 'done'
      ? 'completed'
      : job.status === 'paused'
        ? 'paused'
        : job.status === 'running'
          ? job.cursor === null && job.processed === 0
            ? 'queued'
            : 'running'
          : 'failed';
  return {
    id: job.jobId,
    mode: job.kind === 'backfill' ? 'apply' : 'dryRun',
    state,
    from: job.fromDate,
    to: job.toDate,
    total: job.total ?? job.processed,
    processed: job.processed,
    startedAt: isoKst(job.createdAt),
    finishedAt: job.finishedAt === null ? null : isoKst(job.finishedAt),
    report: labelReport(job.report),
    error: job.error,
  };
}

/** The pipeline's refusals in the console's vocabulary. */
async function asConsoleRefusal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BackfillRequestError)) throw error;
    const code = {
      unknown_flows: 'not_found',
      not_found: 'not_found',
      invalid_flows: 'flow_invalid',
      invalid_state: 'invalid_state',
    } as const;
    throw new ConsoleRequestError(code[error.code], error.message, error.details, { cause: error });
  }
}

const requestItem = (request: MerchantRequest): RequestItem => ({
  id: request.requestId,
  kind: request.kind,
  title: request.title,
  body: request.body,
  flowId: request.flowId,
  orderId: request.orderId,
  status: request.status,
  createdAt: isoKst(request.createdAt),
  reply: request.reply,
});

/**
 * The console backend over the real store, engine, templates and pipeline. Every method is scoped
 * by the actor's mall; configuration changes are audited; simulation and previews never write.
 */
export function createConsoleBackend(
  ctx: PipelineContext,
  options: ConsoleBackendOptions = {},
): ConsoleBackend {
  const deps: BackendDeps = { ctx, csrfTokenFor: options.csrfTokenFor ?? (() => '') };
  const { store } = ctx;
  const ownBackfill = async (mallId: string, jobId: string): Promise<BackfillJob> => {
    const job = await store.backfillJobs.get(mallId, jobId);
    if (job === null || job.kind === 'import') throw notFound(`Backfill ${jobId}`);
    return job;
  };

  return {
    ...flowEndpoints(deps),
    ...templateEndpoints(deps),
    ...simulationEndpoints(deps),
    ...runEndpoints(deps),
    ...settingsEndpoints(deps),

    async getSession(actor) {
      const [mall, lang] = await Promise.all([
        store.malls.get(actor.mallId),
        store.userPreferences.getLang(actor.mallId, actor.userId),
      ]);
      if (mall === null) throw notFound(`Mall ${actor.mallId}`);
      return {
        mall: { id: mall.mallId, shopNo: mall.shopNo, name: mall.mallId },
        user: { id: actor.userId, name: actor.userId, role: 'owner' },
        plan: planOf(mall.plan),
        lang: lang ?? 'ko',
        csrfToken: deps.csrfTokenFor(actor),
      };
    },

    async setLanguage(actor, lang) {
      await store.userPreferences.setLang(actor.mallId, actor.userId, lang, ctx.now());
      return { ok: true };
    },

    async getFacts(actor) {
      const [flows, settings] = await Promise.all([
        store.flows.list(actor.mallId),
        store.settings.get(actor.mallId),
      ]);
      let grades: CustomerGrade[] = [];
      try {
        grades = (await fetchCustomerGroups(ctx.cafe24.client(actor.mallId))).map((group) => ({
          no: group.groupNo,
          name: group.groupName,
        }));
      } catch (error) {
        // The builder still works without grade names (numbers can be typed); say why in the log.
        ctx.logger.warn({ mallId: actor.mallId, err: error }, 'customer groups unavailable');
      }
      const labels = new Set([
        ...flows.flatMap((entry) => labelsAddedBy(entry.flow)),
        ...Object.values(settings?.labelNames ?? {}),
      ]);
      return {
        facts: describeFactCatalogue().facts,
        grades,
        labels: [...labels].sort(),
        channels: (settings?.notificationChannels ?? []).map((channel) => ({
          id: channel.name,
          name: channel.name,
        })),
      };
    },

    async listBackfills(actor) {
      const jobs = await store.backfillJobs.list(actor.mallId, BACKFILLS_LISTED, ['backfill', 'dryRun']);
      return { backfills: jobs.map(backfillStatus) };
    },

    async startBackfill(actor, body) {
      const job = await asConsoleRefusal(() =>
        startBackfill(ctx, actor.mallId, {
          mode: body.mode,
          from: body.from,
          to: body.to,
          flowIds: body.flowIds,
          ...(body.draft === undefined ? {} : { draft: body.draft }),
        }),
      );
      await audit(deps, actor, {
        action: body.mode === 'apply' ? 'backfill.start' : 'dryRun.start',
        target: `backfill:${job.jobId}`,
        summary: `${body.from} ~ ${body.to}`,
      });
      return backfillStatus(job);
    },

    async getBackfill(actor, backfillId) {
      return backfillStatus(await ownBackfill(actor.mallId, backfillId));
    },

    async pauseBackfill(actor, backfillId) {
      await ownBackfill(actor.mallId, backfillId);
      return backfillStatus(await asConsoleRefusal(() => pauseBackfill(ctx, actor.mallId, backfillId)));
    },

    async resumeBackfill(actor, backfillId) {
      await ownBackfill(actor.mallId, backfillId);
      return backfillStatus(await asConsoleRefusal(() => resumeBackfill(ctx, actor.mallId, backfillId)));
    },

    async listAudit(actor, query) {
      const beforeId = query.cursor === undefined ? undefined : Number(query.cursor);
      const entries = await store.auditLog.list(actor.mallId, {
        limit: query.limit + 1,
        ...(beforeId !== undefined && Number.isInteger(beforeId) ? { beforeId } : {}),
      });
      const page = entries.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        entries: page.map((entry) => {
          const summary = (entry.details as { summary?: unknown } | null)?.summary;
          return {
            id: String(entry.id),
            at: isoKst(entry.at),
            actor: entry.actor,
            action: entry.action,
            target: entry.target,
            summary: typeof summary === 'string' ? summary : entry.action,
          };
        }),
        nextCursor: entries.length > query.limit && last !== undefined ? String(last.id) : null,
      };
    },

    async createRequest(actor, body) {
      const request = await store.merchantRequests.create(actor.mallId, {
        requestId: randomUUID(),
        kind: body.kind,
        title: body.title,
        body: body.body,
        flowId: body.flowId ?? null,
        orderId: body.orderId ?? null,
        createdBy: actor.userId,
        now: ctx.now(),
      });
      return requestItem(request);
    },

    async listRequests(actor) {
      return {
        requests: (await store.merchantRequests.list(actor.mallId, REQUESTS_LISTED)).map(requestItem),
      };
    },
  };
}
