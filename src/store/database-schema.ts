import type { Generated } from 'kysely';

/**
 * The Kysely view of the schema (see migrations.ts). Instants are epoch milliseconds, flags are 0/1
 * integers and structured values are JSON text, so both backends store and return the same values.
 */
export interface Database {
  malls: MallsTable;
  credentials: CredentialsTable;
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  orders: OrdersTable;
  order_personal: OrderPersonalTable;
  order_items: OrderItemsTable;
  label_ownership: LabelOwnershipTable;
  ledger_entries: LedgerEntriesTable;
  products: ProductsTable;
  product_variants: ProductVariantsTable;
  runs: RunsTable;
  webhook_inbox: WebhookInboxTable;
  notifications: NotificationsTable;
  audit_log: AuditLogTable;
  gift_checklist: GiftChecklistTable;
  backfill_jobs: BackfillJobsTable;
  merchant_requests: MerchantRequestsTable;
  nonces: NoncesTable;
  admin_users: AdminUsersTable;
  user_preferences: UserPreferencesTable;
  preregistrations: PreregistrationsTable;
  preregistration_keys: PreregistrationKeysTable;
  cafe24_call_budget: Cafe24CallBudgetTable;
  mall_locks: MallLocksTable;
}

export interface MallsTable {
  mall_id: string;
  shop_no: number;
  state: string;
  plan: string;
  settings: string;
  installed_at: number;
  uninstalled_at: number | null;
  delete_after: number | null;
  updated_at: number;
}

export interface CredentialsTable {
  mall_id: string;
  access_token: string;
  access_expires_at: number;
  refresh_token: string;
  refresh_expires_at: number;
  version: number;
  updated_at: number;
}

export interface FlowsTable {
  mall_id: string;
  flow_id: string;
  current_version: number;
  created_at: number;
  updated_at: number;
}

export interface FlowVersionsTable {
  mall_id: string;
  flow_id: string;
  version: number;
  definition: string;
  author: string;
  change_note: string;
  copied_from: number | null;
  created_at: number;
}

export interface OrdersTable {
  mall_id: string;
  order_id: string;
  placed_at: number;
  placed_at_text: string;
  member_id: string | null;
  customer_key: string;
  group_no: number | null;
  first_order: number | null;
  product_amount: number;
  payment_amount: number;
  channel: string;
  payment_methods: string;
  paid: string;
  canceled: number;
  international: number;
  zip: string | null;
  state_hash: string;
  updated_at: number;
  personal_purged_at: number | null;
}

export interface OrderPersonalTable {
  mall_id: string;
  order_id: string;
  buyer_name: string | null;
  buyer_email: string | null;
  buyer_cellphone: string | null;
  receiver_name: string | null;
  receiver_cellphone: string | null;
  address: string | null;
  client_ip: string | null;
}

export interface OrderItemsTable {
  mall_id: string;
  item_code: string;
  order_id: string;
  position: number;
  product_no: number;
  product_code: string;
  variant_code: string;
  name: string;
  quantity: number;
  price: number;
  status: string;
  labels: string;
}

export interface LabelOwnershipTable {
  mall_id: string;
  item_code: string;
  label: string;
  order_id: string;
  run_id: string | null;
  added_at: number;
}

export interface LedgerEntriesTable {
  mall_id: string;
  order_id: string;
  customer_key: string;
  placed_at: number;
  product_amount: number;
  has_return: number;
}

export interface ProductsTable {
  mall_id: string;
  product_no: number;
  product_code: string;
  name: string;
  tags: string;
  updated_at: number;
}

export interface ProductVariantsTable {
  mall_id: string;
  variant_code: string;
  product_no: number;
  quantity: number;
  use_inventory: number;
}

export interface RunsTable {
  mall_id: string;
  run_id: string;
  order_id: string;
  trigger: string;
  started_at: number;
  finished_at: number;
  flow_versions: string;
  decision: string;
  trace: string;
  actions: string;
  timings: string;
  masked: number;
}

export interface WebhookInboxTable {
  id: Generated<number>;
  mall_id: string;
  dedupe_key: string;
  event_no: number;
  payload: string;
  received_at: number;
  status: string;
  processed_at: number | null;
  error: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  mall_id: string;
  dedupe_key: string;
  channel: string;
  order_id: string | null;
  run_id: string | null;
  payload: string;
  status: string;
  created_at: number;
  sent_at: number | null;
  error: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  mall_id: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  at: number;
}

export interface GiftChecklistTable {
  mall_id: string;
  order_id: string;
  gift: string;
  run_id: string | null;
  created_at: number;
  checked_at: number | null;
  checked_by: string | null;
}

export interface BackfillJobsTable {
  mall_id: string;
  job_id: string;
  from_date: string;
  to_date: string;
  status: string;
  cursor: string | null;
  processed: number;
  total: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  error: string | null;
  /** import | backfill | dryRun */
  kind: string;
  /** JSON: what the job was asked to do (flows, draft). */
  options: string;
  /** JSON: the dry-run report so far (per label gained/lost). */
  report: string;
}

export interface MerchantRequestsTable {
  mall_id: string;
  request_id: string;
  kind: string;
  title: string;
  body: string;
  flow_id: string | null;
  order_id: string | null;
  status: string;
  reply: string | null;
  created_at: number;
  created_by: string;
  updated_at: number;
}

export interface NoncesTable {
  nonce_key: string;
  expires_at: number;
}

export interface AdminUsersTable {
  username: string;
  password_hash: string;
  created_at: number;
}

export interface UserPreferencesTable {
  mall_id: string;
  user_id: string;
  lang: string;
  updated_at: number;
}

/**
 * Pre-registrations (issue 9): the operator's data, not scoped by a mall. Personal columns hold
 * SecretBox-sealed text and are null once destroyed; the hashes are HMACs for duplicate detection.
 */
export interface PreregistrationsTable {
  id: Generated<number>;
  name: string | null;
  email: string | null;
  phone: string | null;
  mall: string | null;
  email_hash: string | null;
  mall_hash: string | null;
  daily_orders: number | null;
  /** JSON array of checklist indexes. */
  pains: string;
  tools: string | null;
  consent_version: string;
  consented_at: number;
  created_at: number;
  benefit_applied_at: number | null;
  destroyed_at: number | null;
}

/** The pre-registration HMAC key, sealed with the SecretBox. */
export interface PreregistrationKeysTable {
  purpose: string;
  sealed_key: string;
}

/**
 * Each mall's Cafe24 call bucket shared by every process (see cafe24/leaky-bucket-slot.ts): the level
 * at `level_at`, the latest reserved slot and the pause, as epoch ms (fractional) of the shared clock.
 */
export interface Cafe24CallBudgetTable {
  mall_id: string;
  level: number;
  level_at: number;
  last_slot: number;
  paused_until: number;
  capacity: number;
}

/** The order pipeline's per-mall lease (see repositories/mall-locks-repository.ts). */
export interface MallLocksTable {
  mall_id: string;
  owner: string;
  locked_until: number;
}
