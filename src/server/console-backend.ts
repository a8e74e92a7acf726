import type {
  AuditQuery,
  AuditResponse,
  BackfillListResponse,
  BackfillRequest,
  BackfillStatus,
  CreateFlowRequest,
  CreateRequestRequest,
  DashboardQuery,
  DashboardResponse,
  FactsResponse,
  FailedJobsResponse,
  FlowDetail,
  FlowDiffQuery,
  FlowDiffResponse,
  FlowListResponse,
  FlowVersionsResponse,
  GiftEntry,
  GiftsQuery,
  GiftsResponse,
  InstallTemplateRequest,
  Lang,
  OkResponse,
  ProductRow,
  ProductsQuery,
  ProductsResponse,
  RecentOrdersQuery,
  RecentOrdersResponse,
  ReorderFlowsRequest,
  RequestItem,
  RequestsResponse,
  RollbackFlowRequest,
  RunDetail,
  RunsQuery,
  RunsResponse,
  SaveChannelsRequest,
  SaveClosedDaysRequest,
  SaveLabelNamesRequest,
  SaveRegionOverridesRequest,
  SaveRetentionRequest,
  SessionResponse,
  SetFlowEnabledRequest,
  SettingsResponse,
  SimulateRequest,
  SimulateResponse,
  TemplatePreviewRequest,
  TemplatePreviewResponse,
  TemplatesResponse,
  TestSendResponse,
  UpdateFlowRequest,
  ValidateFlowResponse,
} from './api-contract.js';

/** Who is acting: the session's mall and user (the routes take both from `request.session`). */
export interface ConsoleActor {
  mallId: string;
  userId: string;
}

/**
 * What the console needs from the store, the engine and the pipeline: one method per endpoint.
 * Every method is scoped by the actor's mall; requests arrive already parsed by the api-contract
 * schemas. Expected refusals (unknown id, stale version, invalid flow) are thrown as
 * `ConsoleRequestError`; anything else thrown becomes a 500 (or 503 for `kind: 'operational'`).
 */
export interface ConsoleBackend {
  getSession(actor: ConsoleActor): Promise<SessionResponse>;
  setLanguage(actor: ConsoleActor, lang: Lang): Promise<OkResponse>;

  getDashboard(actor: ConsoleActor, query: DashboardQuery): Promise<DashboardResponse>;
  getFacts(actor: ConsoleActor): Promise<FactsResponse>;

  listFlows(actor: ConsoleActor): Promise<FlowListResponse>;
  /** Validates with the engine first; an invalid flow is refused with code `flow_invalid`. */
  createFlow(actor: ConsoleActor, body: CreateFlowRequest): Promise<FlowDetail>;
  getFlow(actor: ConsoleActor, flowId: string): Promise<FlowDetail>;
  /** Saves a new version; `version_conflict` when `baseVersion` is not the current one. */
  updateFlow(actor: ConsoleActor, flowId: string, body: UpdateFlowRequest): Promise<FlowDetail>;
  setFlowEnabled(actor: ConsoleActor, flowId: string, body: SetFlowEnabledRequest): Promise<FlowDetail>;
  /** `flowIds` must name every flow of the mall exactly once (else `invalid_order`). */
  reorderFlows(actor: ConsoleActor, body: ReorderFlowsRequest): Promise<FlowListResponse>;
  listFlowVersions(actor: ConsoleActor, flowId: string): Promise<FlowVersionsResponse>;
  diffFlowVersions(actor: ConsoleActor, flowId: string, query: FlowDiffQuery): Promise<FlowDiffResponse>;
  rollbackFlow(actor: ConsoleActor, flowId: string, body: RollbackFlowRequest): Promise<FlowDetail>;
  /** Engine validation (`validateFlow`) of a draft in any shape, with the id/version it lacks. */
  validateFlow(actor: ConsoleActor, candidate: unknown): Promise<ValidateFlowResponse>;

  listTemplates(actor: ConsoleActor): Promise<TemplatesResponse>;
  previewTemplate(
    actor: ConsoleActor,
    templateId: string,
    body: TemplatePreviewRequest,
  ): Promise<TemplatePreviewResponse>;
  installTemplate(actor: ConsoleActor, templateId: string, body: InstallTemplateRequest): Promise<FlowDetail>;

  recentOrders(actor: ConsoleActor, query: RecentOrdersQuery): Promise<RecentOrdersResponse>;
  simulate(actor: ConsoleActor, body: SimulateRequest): Promise<SimulateResponse>;

  listBackfills(actor: ConsoleActor): Promise<BackfillListResponse>;
  startBackfill(actor: ConsoleActor, body: BackfillRequest): Promise<BackfillStatus>;
  getBackfill(actor: ConsoleActor, backfillId: string): Promise<BackfillStatus>;
  pauseBackfill(actor: ConsoleActor, backfillId: string): Promise<BackfillStatus>;
  resumeBackfill(actor: ConsoleActor, backfillId: string): Promise<BackfillStatus>;

  listRuns(actor: ConsoleActor, query: RunsQuery): Promise<RunsResponse>;
  getRun(actor: ConsoleActor, runId: string): Promise<RunDetail>;

  getSettings(actor: ConsoleActor): Promise<SettingsResponse>;
  saveChannels(actor: ConsoleActor, body: SaveChannelsRequest): Promise<SettingsResponse>;
  testChannel(actor: ConsoleActor, channelId: string): Promise<TestSendResponse>;
  saveRegionOverrides(actor: ConsoleActor, body: SaveRegionOverridesRequest): Promise<SettingsResponse>;
  saveClosedDays(actor: ConsoleActor, body: SaveClosedDaysRequest): Promise<SettingsResponse>;
  saveLabelNames(actor: ConsoleActor, body: SaveLabelNamesRequest): Promise<SettingsResponse>;
  saveRetention(actor: ConsoleActor, body: SaveRetentionRequest): Promise<SettingsResponse>;

  listProducts(actor: ConsoleActor, query: ProductsQuery): Promise<ProductsResponse>;
  setProductTags(actor: ConsoleActor, productNo: number, tags: string[]): Promise<ProductRow>;

  listGifts(actor: ConsoleActor, query: GiftsQuery): Promise<GiftsResponse>;
  markGift(actor: ConsoleActor, giftId: string, handed: boolean): Promise<GiftEntry>;

  listFailedJobs(actor: ConsoleActor): Promise<FailedJobsResponse>;
  retryJob(actor: ConsoleActor, jobId: string): Promise<OkResponse>;

  listAudit(actor: ConsoleActor, query: AuditQuery): Promise<AuditResponse>;

  createRequest(actor: ConsoleActor, body: CreateRequestRequest): Promise<RequestItem>;
  listRequests(actor: ConsoleActor): Promise<RequestsResponse>;
}

/** Expected refusals a backend reports; the routes map `code` to an HTTP status. */
export const CONSOLE_ERROR_STATUS = {
  not_found: 404,
  version_conflict: 409,
  conflict: 409,
  flow_invalid: 422,
  invalid_order: 422,
  invalid_state: 409,
  forbidden: 403,
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERROR_STATUS;

/** A request the backend refuses for a reason the user can act on (kind `user`, never retried). */
export class ConsoleRequestError extends Error {
  readonly kind = 'user' as const;
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
    /** Sent to the client as `error.details` (e.g. validation issues for `flow_invalid`). */
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConsoleRequestError';
  }
}
