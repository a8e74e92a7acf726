import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Each setting sits with its env name, schema, default and
 * documentation (the README's configuration table is generated from this list: `passwing config`).
 * Bad values stop start-up with a message naming the variable.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
);

interface Setting<T extends z.ZodType> {
  env: string;
  schema: T;
  default?: string;
  doc: string;
}
const setting = <T extends z.ZodType>(s: Setting<T>): Setting<T> => s;

export const SETTINGS = {
  port: setting({
    env: 'PORT',
    schema: int(0, 65535),
    default: '3000',
    doc: 'HTTP port of the console, API and webhooks.',
  }),
  host: setting({
    env: 'HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Interface to listen on (0.0.0.0 to accept remote connections).',
  }),
  publicUrl: setting({
    env: 'PUBLIC_URL',
    schema: z.url().optional(),
    doc: 'Public base URL of PassWing (OAuth redirect, webhook and beacon URLs). Default http://HOST:PORT.',
  }),
  dataDir: setting({
    env: 'PASSWING_DATA_DIR',
    schema: z.string().min(1),
    default: './data',
    doc: 'Directory of the embedded SQLite database, the queue file and the generated key file.',
  }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:')
      .optional(),
    doc: 'postgres://… selects PostgreSQL (store and pg-boss queue, for scale-out). Unset: SQLite in the data directory.',
  }),
  secretKey: setting({
    env: 'PASSWING_SECRET_KEY',
    schema: z
      .string()
      .min(32, 'must be at least 32 characters (base64 or hex of 32 random bytes)')
      .optional(),
    doc: 'Key for AES-256-GCM encryption of tokens and personal fields. Unset (embedded only): a key file is generated in the data directory.',
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'pino log level.',
  }),
  cafe24ClientId: setting({
    env: 'CAFE24_CLIENT_ID',
    schema: z.string().min(1).optional(),
    doc: 'Cafe24 app client id. Unset: PassWing runs against the built-in sandbox.',
  }),
  cafe24ClientSecret: setting({
    env: 'CAFE24_CLIENT_SECRET',
    schema: z.string().min(1).optional(),
    doc: 'Cafe24 app client secret (also the app-launch HMAC key).',
  }),
  cafe24Scopes: setting({
    env: 'CAFE24_SCOPES',
    schema: csv,
    default:
      'mall.read_order,mall.write_order,mall.read_customer,mall.read_product,mall.read_store,mall.read_application,mall.write_application',
    doc: 'OAuth scopes requested at install (comma-separated).',
  }),
  cafe24ApiBase: setting({
    env: 'CAFE24_API_BASE',
    schema: z.string().includes('{mall_id}', { message: 'must contain {mall_id}' }),
    default: 'https://{mall_id}.cafe24api.com',
    doc: 'Cafe24 API base URL pattern; the sandbox sets http://127.0.0.1:SANDBOX_PORT/{mall_id}.',
  }),
  cafe24ApiVersion: setting({
    env: 'CAFE24_API_VERSION',
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    default: '2025-12-01',
    doc: 'Pinned X-Cafe24-Api-Version header.',
  }),
  webhookIpAllowList: setting({
    env: 'PASSWING_WEBHOOK_IPS',
    schema: csv.optional(),
    doc: 'Optional comma-separated sender IP allow-list for Cafe24 webhooks (unset: any sender; the URL token is required anyway).',
  }),
  trustProxy: setting({
    env: 'PASSWING_TRUST_PROXY',
    schema: bool,
    default: 'false',
    doc: 'Trust X-Forwarded-For (set when PassWing runs behind a reverse proxy) for client IPs.',
  }),
  sandbox: setting({
    env: 'PASSWING_SANDBOX',
    schema: z.enum(['auto', 'on', 'off']),
    default: 'auto',
    doc: '`passwing start` runs the Cafe24 sandbox: auto = when no Cafe24 credentials are set.',
  }),
  sandboxPort: setting({
    env: 'SANDBOX_PORT',
    schema: int(0, 65535),
    default: '3001',
    doc: 'Port of the sandbox mall.',
  }),
  sandboxOrdersPerMinute: setting({
    env: 'SANDBOX_ORDERS_PER_MINUTE',
    schema: int(0, 6000),
    default: '6',
    doc: 'Orders the demo mall generates per minute under `passwing start`.',
  }),
  batchWindowMs: setting({
    env: 'PASSWING_BATCH_WINDOW_MS',
    schema: int(0, 10_000),
    default: '300',
    doc: 'Order events of one mall arriving within this window are processed as one batch.',
  }),
  batchMaxOrders: setting({
    env: 'PASSWING_BATCH_MAX_ORDERS',
    schema: int(1, 1000),
    default: '100',
    doc: 'Most orders in one batch.',
  }),
  jobLeaseSeconds: setting({
    env: 'PASSWING_JOB_LEASE_SECONDS',
    schema: int(5, 3600),
    default: '60',
    doc: "How long a worker holds a pipeline job without renewing it; a killed worker's jobs run again after at most this (plus up to half of it on PostgreSQL).",
  }),
  reconcileMinutes: setting({
    env: 'PASSWING_RECONCILE_MINUTES',
    schema: int(1, 1440),
    default: '5',
    doc: 'Reconciliation poll interval per mall (catches lost webhooks).',
  }),
  importDays: setting({
    env: 'PASSWING_IMPORT_DAYS',
    schema: int(0, 365),
    default: '90',
    doc: 'Days of past orders imported into the customer ledger at install.',
  }),
  uninstallGraceDays: setting({
    env: 'PASSWING_UNINSTALL_GRACE_DAYS',
    schema: int(0, 365),
    default: '30',
    doc: "After an uninstall (event 90077) tokens go at once, the mall's data after this many days.",
  }),
  maxLabelLength: setting({
    env: 'PASSWING_MAX_LABEL_LENGTH',
    schema: int(1, 500),
    default: '50',
    doc: 'Longest label name accepted in flows.',
  }),
  launchDate: setting({
    env: 'PASSWING_LAUNCH_DATE',
    schema: z.iso.date('must be a date YYYY-MM-DD').optional(),
    doc: 'Official launch date (KST). Pre-registered malls that install get free use until launch + 2 months. Unset: no benefit is granted yet.',
  }),
  preregistrationEnds: setting({
    env: 'PASSWING_PREREGISTRATION_ENDS',
    schema: z.iso.date('must be a date YYYY-MM-DD').optional(),
    doc: 'End of the pre-registration purpose (KST): from then on, pre-registration personal data is destroyed, leaving counts.',
  }),
  adminPassword: setting({
    env: 'PASSWING_ADMIN_PASSWORD',
    schema: z.string().min(10, 'must be at least 10 characters').optional(),
    doc: 'Self-hosted local administrator password set at first start (unset: one is generated and printed once).',
  }),
} as const;

type Settings = typeof SETTINGS;
export type Config = Readonly<{ [K in keyof Settings]: z.output<Settings[K]['schema']> }> & {
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly useSandbox: boolean;
};

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly kind = 'user';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Builds the frozen config from an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof Settings, Setting<z.ZodType>][]) {
    const raw = env[spec.env] === '' ? undefined : (env[spec.env] ?? spec.default);
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else
      problems.push(
        `${spec.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
  }
  const hasCredentials = Boolean(values.cafe24ClientId && values.cafe24ClientSecret);
  if (Boolean(values.cafe24ClientId) !== Boolean(values.cafe24ClientSecret)) {
    problems.push('CAFE24_CLIENT_ID and CAFE24_CLIENT_SECRET must be set together');
  }
  if (values.sandbox === 'on' && hasCredentials) {
    problems.push('PASSWING_SANDBOX=on cannot be combined with real Cafe24 credentials');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const useSandbox = values.sandbox === 'on' || (values.sandbox === 'auto' && !hasCredentials);
  const publicHost = values.host === '0.0.0.0' ? '127.0.0.1' : String(values.host);
  return Object.freeze({
    ...(values as Omit<Config, 'publicUrl' | 'dataDir' | 'useSandbox'>),
    dataDir: path.resolve(String(values.dataDir)),
    publicUrl:
      (values.publicUrl as string | undefined)?.replace(/\/$/, '') ??
      `http://${publicHost}:${String(values.port)}`,
    useSandbox,
  });
}
