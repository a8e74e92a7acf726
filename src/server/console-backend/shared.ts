import type { PipelineContext } from '../../pipeline/pipeline-context.js';
import { ConsoleRequestError, type ConsoleActor } from '../console-backend.js';

/** What every part of the console backend is built from. */
export interface BackendDeps {
  ctx: PipelineContext;
  /** The session's CSRF token (the routes' auth layer owns it; the backend only echoes it). */
  csrfTokenFor: (actor: ConsoleActor) => string;
}

export const DAY_MS = 86_400_000;
const KST_OFFSET_MS = 9 * 3_600_000;

/** Epoch ms → ISO 8601 in KST with its offset (`2026-03-02T12:00:00.000+09:00`). */
export const isoKst = (epochMs: number): string =>
  new Date(epochMs + KST_OFFSET_MS).toISOString().replace('Z', '+09:00');

/** Start of the KST calendar day containing `epochMs`. */
export const kstDayStart = (epochMs: number): number =>
  Math.floor((epochMs + KST_OFFSET_MS) / DAY_MS) * DAY_MS - KST_OFFSET_MS;

/** `YYYY-MM-DD` (KST) → its first millisecond. */
export const kstDateStart = (date: string): number => Date.parse(`${date}T00:00:00+09:00`);

export const notFound = (what: string): ConsoleRequestError =>
  new ConsoleRequestError('not_found', `${what} was not found.`);

/** Appends a configuration change to the mall's audit log (every console write does). */
export async function audit(
  deps: BackendDeps,
  actor: ConsoleActor,
  entry: { action: string; target: string; summary: string; details?: Record<string, unknown> },
): Promise<void> {
  await deps.ctx.store.auditLog.append(actor.mallId, {
    actor: actor.userId,
    action: entry.action,
    target: entry.target,
    details: { summary: entry.summary, ...entry.details },
    at: deps.ctx.now(),
  });
}

/** Nearest-rank percentile of ascending values, or null for none. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}
