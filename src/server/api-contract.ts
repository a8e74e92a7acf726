import { z } from 'zod';
import { Action, Flow, Operator } from '../engine/flow-schema.js';
import { DecisionAction, FlowTrace } from '../engine/decision.js';
import { FactDefinition as EngineFactDefinition, FactGroup } from '../engine/fact-catalogue.js';
import { ValidationIssue } from '../engine/validate-flow.js';
import { OrderFacts, ShippingZone } from '../domain/order-facts.js';

/** Shapes the engine owns, served as they are (the console renders them). */
export { DecisionAction, FactGroup, FlowTrace, ValidationIssue };
export type { ConditionTrace } from '../engine/decision.js';

/**
 * The console HTTP API (`/api/…`, JSON), one zod schema per request and response shape. The server
 * parses every request with these (console-routes.ts) and the React console (web/) imports the
 * inferred types only, so both sides share one definition. Times are ISO 8601 strings with offset;
 * money is integer won; personal data leaves the server masked (김○○).
 */

// ─── common ───────────────────────────────────────────────────────────────────────────────────────

/** Every non-2xx response body. `details` carries field issues for 400/422. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** One field problem of a bad request: `path` names the field inside the body or query. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const Lang = z.enum(['ko', 'en']);
export type Lang = z.infer<typeof Lang>;

/** Text shown in both console languages. */
export const LocalizedText = z.object({ ko: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

const IsoDateTime = z.string().min(1);
/** KST calendar date `YYYY-MM-DD`. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Id = z.string().min(1).max(200);
/** Query strings arrive as text; empty means "not given". */
const optionalQueryText = z
  .string()
  .max(200)
  .optional()
  .transform((value) => (value === '' ? undefined : value));

export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

export const ProductNoParams = z.object({ no: z.coerce.number().int().positive() });
export type ProductNoParams = z.infer<typeof ProductNoParams>;

/** Plain acknowledgement of a command. */
export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** A label and how many orders/items it concerns. */
export const LabelCount = z.object({ label: z.string(), count: z.number().int().nonnegative() });
export type LabelCount = z.infer<typeof LabelCount>;

// ─── session ──────────────────────────────────────────────────────────────────────────────────────

/** Plan states (issue 9): trial, free until a date (early users), paid, expired. */
export const PlanState = z.enum(['trial', 'freeUntil', 'paid', 'expired']);
export const Plan = z.object({ state: PlanState, until: IsoDateTime.nullable() });
export type Plan = z.infer<typeof Plan>;

export const SessionResponse = z.object({
  mall: z.object({ id: z.string(), shopNo: z.number().int(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), role: z.enum(['owner', 'operator', 'admin']) }),
  plan: Plan,
  lang: Lang,
  /** Sent back by the console in the `x-csrf-token` header on every non-GET request. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SetLangRequest = z.object({ lang: Lang });
export type SetLangRequest = z.infer<typeof SetLangRequest>;

// ─── dashboard ────────────────────────────────────────────────────────────────────────────────────

export const DashboardQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** One bucket of the chart series (an hour when days = 1, else a KST day). */
export const DashboardPoint = z.object({
  at: IsoDateTime,
  processed: z.number().int().nonnegative(),
  labelled: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  p95Ms: z.number().nonnegative().nullable(),
});
export type DashboardPoint = z.infer<typeof DashboardPoint>;

export const WebhookHealthStatus = z.enum(['healthy', 'stale', 'never']);

export const DashboardResponse = z.object({
  days: z.number().int(),
  today: z.object({
    ordersProcessed: z.number().int().nonnegative(),
    ordersLabelled: z.number().int().nonnegative(),
    labelsApplied: z.number().int().nonnegative(),
  }),
  /** Labels applied in the period, most used first. */
  labels: z.array(LabelCount),
  /** Order received → labels written, over the period. */
  latency: z.object({
    p50Ms: z.number().nonnegative().nullable(),
    p95Ms: z.number().nonnegative().nullable(),
  }),
  failures: z.object({
    failedRuns: z.number().int().nonnegative(),
    deadLetterJobs: z.number().int().nonnegative(),
  }),
  /** Cafe24 leaky bucket (40 calls, 2/s drain) and today's use. */
  apiBudget: z.object({
    bucketUsed: z.number().int().nonnegative(),
    bucketSize: z.number().int().positive(),
    callsToday: z.number().int().nonnegative(),
    throttledToday: z.number().int().nonnegative(),
  }),
  webhooks: z.object({
    status: WebhookHealthStatus,
    lastEventAt: IsoDateTime.nullable(),
    eventsToday: z.number().int().nonnegative(),
    /** Orders the reconciliation poll found that no webhook announced (period). */
    caughtByReconciliation: z.number().int().nonnegative(),
  }),
  series: z.object({ granularity: z.enum(['hour', 'day']), points: z.array(DashboardPoint) }),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

// ─── fact catalogue ───────────────────────────────────────────────────────────────────────────────

/**
 * A fact of the rule builder: the engine's catalogue entry (group 주문/배송/고객/상품(item)/시간/결제,
 * type, options, arg) with the operators it accepts.
 */
export const FactDefinition = EngineFactDefinition.extend({ operators: z.array(Operator) });
export type FactDefinition = z.infer<typeof FactDefinition>;

export const CustomerGrade = z.object({ no: z.number().int(), name: z.string() });
export type CustomerGrade = z.infer<typeof CustomerGrade>;

export const FactsResponse = z.object({
  facts: z.array(FactDefinition),
  /** Customer groups loaded from Cafe24 (for `customer.grade`). */
  grades: z.array(CustomerGrade),
  /** Label names known in the mall (suggestions for label actions). */
  labels: z.array(z.string()),
  /** Notification channels by id and name (for notify actions). */
  channels: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type FactsResponse = z.infer<typeof FactsResponse>;

// ─── flows ────────────────────────────────────────────────────────────────────────────────────────

/** A flow as the console edits it: the server assigns `id` and `version`. */
export const FlowDraft = Flow.omit({ id: true, version: true });
export type FlowDraft = z.infer<typeof FlowDraft>;

export const LastRun = z.object({
  runId: z.string(),
  orderId: z.string(),
  at: IsoDateTime,
  matched: z.boolean(),
});

export const FlowSummary = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  priority: z.number().int(),
  version: z.number().int(),
  templateId: z.string().nullable(),
  ruleCount: z.number().int(),
  /** Labels the flow's actions add. */
  labels: z.array(z.string()),
  updatedAt: IsoDateTime,
  lastRun: LastRun.nullable(),
  /** Orders the flow matched in the last 7 days. */
  matchedLast7Days: z.number().int().nonnegative(),
});
export type FlowSummary = z.infer<typeof FlowSummary>;

export const FlowListResponse = z.object({ flows: z.array(FlowSummary) });
export type FlowListResponse = z.infer<typeof FlowListResponse>;

export const FlowVersionInfo = z.object({
  version: z.number().int().positive(),
  changeNote: z.string(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type FlowVersionInfo = z.infer<typeof FlowVersionInfo>;

/** A flow at its current version with who changed it last and why. */
export const FlowDetail = z.object({ flow: Flow, current: FlowVersionInfo });
export type FlowDetail = z.infer<typeof FlowDetail>;

export const CreateFlowRequest = z.object({
  flow: FlowDraft,
  changeNote: z.string().max(500).default(''),
});
export type CreateFlowRequest = z.infer<typeof CreateFlowRequest>;

/** Saving creates a new version; `baseVersion` guards against overwriting someone else's edit (409). */
export const UpdateFlowRequest = z.object({
  flow: FlowDraft,
  baseVersion: z.number().int().positive(),
  changeNote: z.string().trim().min(1).max(500),
});
export type UpdateFlowRequest = z.infer<typeof UpdateFlowRequest>;

export const SetFlowEnabledRequest = z.object({ enabled: z.boolean() });
export type SetFlowEnabledRequest = z.infer<typeof SetFlowEnabledRequest>;

/** All of the mall's flow ids, highest priority first. */
export const ReorderFlowsRequest = z.object({ flowIds: z.array(Id).min(1) });
export type ReorderFlowsRequest = z.infer<typeof ReorderFlowsRequest>;

export const FlowVersionsResponse = z.object({ versions: z.array(FlowVersionInfo) });
export type FlowVersionsResponse = z.infer<typeof FlowVersionsResponse>;

export const FlowDiffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});
export type FlowDiffQuery = z.infer<typeof FlowDiffQuery>;

/** Both versions in full; the console renders the difference. */
export const FlowDiffResponse = z.object({
  from: z.object({ info: FlowVersionInfo, flow: Flow }),
  to: z.object({ info: FlowVersionInfo, flow: Flow }),
});
export type FlowDiffResponse = z.infer<typeof FlowDiffResponse>;

/** Rolling back saves the old version's content as a new version. */
export const RollbackFlowRequest = z.object({
  version: z.number().int().positive(),
  changeNote: z.string().max(500).optional(),
});
export type RollbackFlowRequest = z.infer<typeof RollbackFlowRequest>;

// ─── validation ───────────────────────────────────────────────────────────────────────────────────

/** The draft as the editor holds it, even malformed: the engine reports shape problems as issues. */
export const ValidateFlowRequest = z.object({ flow: z.unknown() });
export type ValidateFlowRequest = z.infer<typeof ValidateFlowRequest>;

/** The engine's findings; each `path` is written `rules[0].when.conditions[1].value`. */
export const ValidateFlowResponse = z.object({ ok: z.boolean(), issues: z.array(ValidationIssue) });
export type ValidateFlowResponse = z.infer<typeof ValidateFlowResponse>;

// ─── templates ────────────────────────────────────────────────────────────────────────────────────

export const TemplateParamType = z.enum([
  'won',
  'int',
  'minutes',
  'days',
  'string',
  'label',
  'zones',
  'tags',
  'products',
  'time',
  'date',
  'datetime',
  'channel',
]);
export type TemplateParamType = z.infer<typeof TemplateParamType>;

export const TemplateParam = z.object({
  key: z.string(),
  type: TemplateParamType,
  label: LocalizedText,
  description: LocalizedText.optional(),
  required: z.boolean(),
  default: z.unknown().optional(),
});
export type TemplateParam = z.infer<typeof TemplateParam>;

export const TemplateSummary = z.object({
  id: z.string(),
  /** Built-in templates and the Korean-labelled example recipes. */
  kind: z.enum(['template', 'example']),
  group: FactGroup,
  name: LocalizedText,
  description: LocalizedText,
  /** The label the flow adds unless renamed. */
  defaultLabel: z.string(),
  params: z.array(TemplateParam),
  installedFlowId: z.string().nullable(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const TemplatesResponse = z.object({ templates: z.array(TemplateSummary) });
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;

export const TemplateParams = z.record(z.string(), z.unknown());

export const TemplatePreviewRequest = z.object({
  params: TemplateParams.default({}),
  days: z.number().int().min(1).max(90).default(30),
});
export type TemplatePreviewRequest = z.infer<typeof TemplatePreviewRequest>;

export const TemplatePreviewResponse = z.object({
  days: z.number().int(),
  ordersConsidered: z.number().int().nonnegative(),
  ordersMatched: z.number().int().nonnegative(),
  sampleOrderIds: z.array(z.string()),
});
export type TemplatePreviewResponse = z.infer<typeof TemplatePreviewResponse>;

export const InstallTemplateRequest = z.object({
  params: TemplateParams.default({}),
  /** Rename the label the template adds. */
  label: z.string().trim().min(1).max(50).optional(),
  enabled: z.boolean().default(true),
});
export type InstallTemplateRequest = z.infer<typeof InstallTemplateRequest>;

// ─── orders & simulation ──────────────────────────────────────────────────────────────────────────

export const RecentOrdersQuery = z.object({
  q: optionalQueryText,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecentOrdersQuery = z.infer<typeof RecentOrdersQuery>;

export const RecentOrder = z.object({
  orderId: z.string(),
  placedAt: IsoDateTime,
  productAmount: z.number().int(),
  /** Masked buyer name (김○○) or null for purged/absent personal data. */
  buyerMasked: z.string().nullable(),
  zone: ShippingZone,
  itemCount: z.number().int(),
  labels: z.array(z.string()),
});
export type RecentOrder = z.infer<typeof RecentOrder>;

export const RecentOrdersResponse = z.object({ orders: z.array(RecentOrder) });
export type RecentOrdersResponse = z.infer<typeof RecentOrdersResponse>;

export const SimulateSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), orderId: Id }),
  /** An edited sample: the facts as the engine would see them. */
  z.object({ kind: z.literal('facts'), facts: OrderFacts }),
]);
export type SimulateSource = z.infer<typeof SimulateSource>;

export const SimulateRequest = z.object({
  /** The (possibly unsaved) flow to try; nothing is written to Cafe24. */
  flow: FlowDraft,
  source: SimulateSource,
});
export type SimulateRequest = z.infer<typeof SimulateRequest>;

export const SimulateResponse = z.object({
  matched: z.boolean(),
  labelsAdded: z.array(z.string()),
  labelsRemoved: z.array(z.string()),
  actions: z.array(DecisionAction),
  /** Per rule and condition: the result and the value seen (engine trace with explain on). */
  trace: FlowTrace,
  /** The facts evaluated (load an order, then edit these as a sample). */
  facts: OrderFacts,
});
export type SimulateResponse = z.infer<typeof SimulateResponse>;

// ─── backfill / dry-run ───────────────────────────────────────────────────────────────────────────

export const BackfillRequest = z
  .object({
    /** dryRun reports what would change; apply writes labels to Cafe24. */
    mode: z.enum(['dryRun', 'apply']),
    from: IsoDate,
    to: IsoDate,
    /** Saved flows to run; empty = all enabled flows. */
    flowIds: z.array(Id).default([]),
    /** An unsaved flow to dry-run instead of saved flows. */
    draft: FlowDraft.optional(),
  })
  .refine((body) => body.from <= body.to, { message: 'from must not be after to', path: ['to'] })
  .refine((body) => !(body.draft && body.mode === 'apply'), {
    message: 'an unsaved flow can only be dry-run',
    path: ['mode'],
  });
export type BackfillRequest = z.infer<typeof BackfillRequest>;

export const BackfillState = z.enum(['queued', 'running', 'paused', 'completed', 'failed']);
export type BackfillState = z.infer<typeof BackfillState>;

/** Per label: orders that would gain / lose it compared with their current labels. */
export const LabelChange = z.object({
  label: z.string(),
  gained: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  sampleGained: z.array(z.string()),
  sampleLost: z.array(z.string()),
});
export type LabelChange = z.infer<typeof LabelChange>;

export const BackfillStatus = z.object({
  id: z.string(),
  mode: z.enum(['dryRun', 'apply']),
  state: BackfillState,
  from: IsoDate,
  to: IsoDate,
  total: z.number().int().nonnegative(),
  processed: z.number().int().nonnegative(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  report: z.array(LabelChange),
  error: z.string().nullable(),
});
export type BackfillStatus = z.infer<typeof BackfillStatus>;

export const BackfillListResponse = z.object({ backfills: z.array(BackfillStatus) });
export type BackfillListResponse = z.infer<typeof BackfillListResponse>;

// ─── runs ─────────────────────────────────────────────────────────────────────────────────────────

export const RunOutcome = z.enum(['labelled', 'noMatch', 'partial', 'failed']);
export type RunOutcome = z.infer<typeof RunOutcome>;

export const RunsQuery = z.object({
  orderId: optionalQueryText,
  label: optionalQueryText,
  flowId: optionalQueryText,
  outcome: RunOutcome.optional().or(z.literal('').transform(() => undefined)),
  from: IsoDate.optional().or(z.literal('').transform(() => undefined)),
  to: IsoDate.optional().or(z.literal('').transform(() => undefined)),
  cursor: optionalQueryText,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunsQuery = z.infer<typeof RunsQuery>;

export const RunSummary = z.object({
  id: z.string(),
  orderId: z.string(),
  at: IsoDateTime,
  trigger: z.string(),
  outcome: RunOutcome,
  labels: z.array(z.string()),
  flows: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int() })),
  durationMs: z.number().nonnegative(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunsResponse = z.object({ runs: z.array(RunSummary), nextCursor: z.string().nullable() });
export type RunsResponse = z.infer<typeof RunsResponse>;

export const ActionOutcome = z.object({
  action: Action,
  flowId: z.string(),
  ruleId: z.string(),
  outcome: z.enum(['applied', 'unchanged', 'skipped', 'failed', 'pending']),
  detail: z.string().nullable(),
  at: IsoDateTime.nullable(),
});
export type ActionOutcome = z.infer<typeof ActionOutcome>;

export const TimelineStep = z.object({
  step: z.enum(['received', 'fetched', 'evaluated', 'labelled', 'notified', 'failed']),
  at: IsoDateTime,
  detail: z.string().nullable(),
});
export type TimelineStep = z.infer<typeof TimelineStep>;

export const RunDetail = z.object({
  run: RunSummary,
  facts: OrderFacts,
  trace: z.array(FlowTrace),
  actions: z.array(ActionOutcome),
  timeline: z.array(TimelineStep),
});
export type RunDetail = z.infer<typeof RunDetail>;

// ─── settings ─────────────────────────────────────────────────────────────────────────────────────

export const ConnectionStatus = z.object({
  status: z.enum(['connected', 'expiring', 'disconnected', 'sandbox']),
  mallId: z.string(),
  scopes: z.array(z.string()),
  refreshTokenExpiresAt: IsoDateTime.nullable(),
  lastApiCallAt: IsoDateTime.nullable(),
  /** Opens the Cafe24 OAuth consent again. */
  reconnectUrl: z.string(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const ChannelKind = z.enum(['webhook', 'slack', 'email']);

/** A notification channel as shown: the target (URL / addresses) is masked. */
export const Channel = z.object({
  id: z.string(),
  kind: ChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  targetPreview: z.string(),
});
export type Channel = z.infer<typeof Channel>;

/** Saving channels: omit `target` of an existing channel to keep its stored target. */
export const ChannelInput = z.object({
  id: Id.optional(),
  kind: ChannelKind,
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
  target: z.string().trim().min(1).max(2000).optional(),
});
export type ChannelInput = z.infer<typeof ChannelInput>;

export const SaveChannelsRequest = z.object({ channels: z.array(ChannelInput) });
export type SaveChannelsRequest = z.infer<typeof SaveChannelsRequest>;

export const TestSendResponse = z.object({ ok: z.boolean(), message: z.string() });
export type TestSendResponse = z.infer<typeof TestSendResponse>;

const Zip = z.string().regex(/^\d{5}$/, '5 digits');

/** Extra zip ranges (inclusive) that override the default zone table. */
export const RegionOverride = z
  .object({
    fromZip: Zip,
    toZip: Zip,
    zone: ShippingZone,
    areaName: z.string().max(50).nullable(),
  })
  .refine((range) => range.fromZip <= range.toZip, { message: 'fromZip > toZip', path: ['toZip'] });
export type RegionOverride = z.infer<typeof RegionOverride>;

export const SaveRegionOverridesRequest = z.object({ overrides: z.array(RegionOverride) });
export type SaveRegionOverridesRequest = z.infer<typeof SaveRegionOverridesRequest>;

/** Merchant closed days (근로자의 날, 택배 없는 날 …) on top of public holidays. */
export const ClosedDay = z.object({ date: IsoDate, name: z.string().trim().min(1).max(50) });
export type ClosedDay = z.infer<typeof ClosedDay>;

export const SaveClosedDaysRequest = z.object({ closedDays: z.array(ClosedDay) });
export type SaveClosedDaysRequest = z.infer<typeof SaveClosedDaysRequest>;

/** The label name each template writes (default = template id). */
export const LabelName = z.object({ templateId: z.string(), name: z.string().trim().min(1).max(50) });
export type LabelName = z.infer<typeof LabelName>;

/** One template's label as the settings show it: the mall's name (or the default) and whose it is. */
export const LabelNameSetting = LabelName.extend({
  templateName: LocalizedText,
  /** The template's own label, used when the mall has not renamed it. */
  defaultLabel: z.string(),
});
export type LabelNameSetting = z.infer<typeof LabelNameSetting>;

export const SaveLabelNamesRequest = z.object({ labelNames: z.array(LabelName) });
export type SaveLabelNamesRequest = z.infer<typeof SaveLabelNamesRequest>;

export const SaveRetentionRequest = z.object({ retentionDays: z.number().int().min(7).max(3650) });
export type SaveRetentionRequest = z.infer<typeof SaveRetentionRequest>;

export const SettingsResponse = z.object({
  connection: ConnectionStatus,
  channels: z.array(Channel),
  regionOverrides: z.array(RegionOverride),
  closedDays: z.array(ClosedDay),
  /** Every template that adds a label, with the mall's name for it. */
  labelNames: z.array(LabelNameSetting),
  /** Personal fields are purged after this many days (개인정보 파기). */
  retentionDays: z.number().int(),
});
export type SettingsResponse = z.infer<typeof SettingsResponse>;

// ─── products ─────────────────────────────────────────────────────────────────────────────────────

export const ProductsQuery = z.object({
  q: optionalQueryText,
  tag: optionalQueryText,
  cursor: optionalQueryText,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProductsQuery = z.infer<typeof ProductsQuery>;

export const ProductRow = z.object({
  productNo: z.number().int(),
  productCode: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  /** Lowest tracked variant stock, null when inventory is not tracked. */
  stock: z.number().int().nullable(),
});
export type ProductRow = z.infer<typeof ProductRow>;

export const ProductsResponse = z.object({
  products: z.array(ProductRow),
  nextCursor: z.string().nullable(),
});
export type ProductsResponse = z.infer<typeof ProductsResponse>;

export const SetProductTagsRequest = z.object({
  tags: z.array(z.string().trim().min(1).max(30)).max(20),
});
export type SetProductTagsRequest = z.infer<typeof SetProductTagsRequest>;

// ─── gifts ────────────────────────────────────────────────────────────────────────────────────────

export const GiftsQuery = z.object({ status: z.enum(['pending', 'handed', 'all']).default('pending') });
export type GiftsQuery = z.infer<typeof GiftsQuery>;

export const GiftEntry = z.object({
  id: z.string(),
  orderId: z.string(),
  gift: z.string(),
  label: z.string().nullable(),
  buyerMasked: z.string().nullable(),
  createdAt: IsoDateTime,
  handedAt: IsoDateTime.nullable(),
  handedBy: z.string().nullable(),
});
export type GiftEntry = z.infer<typeof GiftEntry>;

export const GiftsResponse = z.object({ gifts: z.array(GiftEntry) });
export type GiftsResponse = z.infer<typeof GiftsResponse>;

export const MarkGiftRequest = z.object({ handed: z.boolean() });
export type MarkGiftRequest = z.infer<typeof MarkGiftRequest>;

// ─── failed jobs ──────────────────────────────────────────────────────────────────────────────────

export const FailedJob = z.object({
  id: z.string(),
  kind: z.string(),
  orderId: z.string().nullable(),
  attempts: z.number().int(),
  errorCode: z.string(),
  errorMessage: z.string(),
  failedAt: IsoDateTime,
  /** Retries exhausted: waits for a person. */
  deadLetter: z.boolean(),
});
export type FailedJob = z.infer<typeof FailedJob>;

export const FailedJobsResponse = z.object({ jobs: z.array(FailedJob) });
export type FailedJobsResponse = z.infer<typeof FailedJobsResponse>;

// ─── audit ────────────────────────────────────────────────────────────────────────────────────────

export const AuditQuery = z.object({
  cursor: optionalQueryText,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actor: z.string(),
  /** Stable verb: flow.update, flow.rollback, template.install, settings.channels … */
  action: z.string(),
  target: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditResponse = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditResponse = z.infer<typeof AuditResponse>;

// ─── feedback / automation requests (issue 9 item 4) ─────────────────────────────────────────────

export const CreateRequestRequest = z.object({
  kind: z.enum(['feedback', 'automation']),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(4000),
  flowId: Id.optional(),
  orderId: Id.optional(),
});
export type CreateRequestRequest = z.infer<typeof CreateRequestRequest>;

export const RequestItem = z.object({
  id: z.string(),
  kind: z.enum(['feedback', 'automation']),
  title: z.string(),
  body: z.string(),
  flowId: z.string().nullable(),
  orderId: z.string().nullable(),
  status: z.enum(['received', 'reviewing', 'planned', 'done', 'declined']),
  createdAt: IsoDateTime,
  /** Operator's answer, if any. */
  reply: z.string().nullable(),
});
export type RequestItem = z.infer<typeof RequestItem>;

export const RequestsResponse = z.object({ requests: z.array(RequestItem) });
export type RequestsResponse = z.infer<typeof RequestsResponse>;
