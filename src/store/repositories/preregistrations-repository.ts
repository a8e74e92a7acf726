import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fromJson, toJson, type StoreContext } from '../store-context.js';

/**
 * Pre-registrations (사전 등록, issue 9). NOT tenant-scoped: a pre-registration is the operator's
 * data about a prospect, collected before any mall installed the app, so no function takes a mall id.
 * Only the operator's routes and the install-time benefit check use it.
 *
 * Personal fields (name, e-mail, phone, mall reference) are sealed with the store's SecretBox. For
 * duplicate detection and install-time matching the row also keeps an HMAC-SHA256 of the normalised
 * e-mail and of the normalised mall reference. The HMAC key is random, created once and kept sealed
 * with the SecretBox in `preregistration_keys` (the box does not expose its key), so hashes can be
 * computed only with both the database and the secret key. `destroyPersonalData` nulls every
 * personal field and both hashes; the rows then hold only what counts need (volume, pains, consent
 * version, timestamps).
 */

/** `Some.One@Example.COM ` → `some.one@example.com`: the form used for hashing and matching. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const MALL_ID = /^[a-z0-9]{4,16}$/;
const CAFE24_HOST = /^(?:m\.)?([a-z0-9]{4,16})\.(?:cafe24|cafe24shop|cafe24api)\.com$/;
const HOST = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A mall id or shop URL as typed → the key used for matching: a Cafe24 mall id (`myshop`, from
 * `myshop`, `myshop.cafe24.com` or `https://m.myshop.cafe24.com/admin`), else `domain:<host>` for
 * an own domain (which cannot match a mall id at install; the e-mail still can). Null when neither.
 */
export function normaliseMallRef(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (MALL_ID.test(trimmed)) return trimmed;
  const host = hostOf(trimmed);
  if (host === null) return null;
  const cafe24 = CAFE24_HOST.exec(host);
  if (cafe24?.[1] !== undefined) return cafe24[1];
  const bare = host.replace(/^(?:www|m)\./, '');
  return HOST.test(bare) ? `domain:${bare}` : null;
}

function hostOf(text: string): string | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
}

/** A validated registration, as the form route hands it over (already normalised). */
export const PreregistrationInput = z.object({
  name: z.string().trim().min(1).max(50),
  email: z.email().max(254).transform(normaliseEmail),
  /** Korean mobile number as `010-1234-5678`. */
  phone: z.string().regex(/^01[016789]-\d{3,4}-\d{4}$/),
  /** Output of `normaliseMallRef`. */
  mall: z.string().regex(/^(?:[a-z0-9]{4,16}|domain:[a-z0-9.-]+)$/),
  dailyOrders: z.number().int().min(0).max(10_000_000).nullable(),
  /** Indexes into the landing page's problem checklist. */
  pains: z.array(z.number().int().min(0).max(99)).max(100),
  tools: z.string().trim().max(200).nullable(),
  /** Which consent text the person agreed to (see landing-content.ts). */
  consentVersion: z.string().min(1).max(40),
});
export type PreregistrationInput = z.input<typeof PreregistrationInput>;

/** One row as the operator sees it; personal fields are null once destroyed. */
export const Preregistration = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mall: z.string().nullable(),
  dailyOrders: z.number().int().nullable(),
  pains: z.array(z.number().int()),
  tools: z.string().nullable(),
  consentVersion: z.string(),
  consentedAt: z.number(),
  createdAt: z.number(),
  benefitAppliedAt: z.number().nullable(),
  destroyedAt: z.number().nullable(),
});
export type Preregistration = z.infer<typeof Preregistration>;

/** What survives destruction: counts only. `pains[i]` counts registrations that ticked item i. */
export const PreregistrationCounts = z.object({
  total: z.number().int(),
  destroyed: z.number().int(),
  benefitApplied: z.number().int(),
  pains: z.record(z.string(), z.number().int()),
});
export type PreregistrationCounts = z.infer<typeof PreregistrationCounts>;

export type RegisterResult = { ok: true; id: number } | { ok: false; error: 'duplicate' };

const HASH_KEY_PURPOSE = 'preregistration-hmac';

export function createPreregistrationsRepository(ctx: StoreContext) {
  let hashKey: Buffer | undefined;

  /** The HMAC key, created on first use; two processes racing both end up with the stored one. */
  const key = async (): Promise<Buffer> => {
    if (hashKey !== undefined) return hashKey;
    const read = () =>
      ctx.db
        .selectFrom('preregistration_keys')
        .select('sealed_key')
        .where('purpose', '=', HASH_KEY_PURPOSE)
        .executeTakeFirst();
    let row = await read();
    if (row === undefined) {
      await ctx.db
        .insertInto('preregistration_keys')
        .values({
          purpose: HASH_KEY_PURPOSE,
          sealed_key: ctx.box.seal(randomBytes(32).toString('base64')),
        })
        .onConflict((oc) => oc.column('purpose').doNothing())
        .execute();
      row = await read();
    }
    hashKey = Buffer.from(ctx.box.open(row?.sealed_key ?? ''), 'base64');
    return hashKey;
  };
  const hash = async (kind: 'email' | 'mall', value: string): Promise<string> =>
    createHmac('sha256', await key())
      .update(`${kind}:${value}`)
      .digest('base64url');
  const open = (sealed: string | null): string | null => (sealed === null ? null : ctx.box.open(sealed));

  return {
    /**
     * Stores a registration, sealed; `duplicate` when the same e-mail or the same mall is already
     * registered (and not destroyed), in which case nothing is written.
     */
    async register(input: PreregistrationInput, now: number): Promise<RegisterResult> {
      const valid = PreregistrationInput.parse(input);
      const row = await ctx.db
        .insertInto('preregistrations')
        .values({
          name: ctx.box.seal(valid.name),
          email: ctx.box.seal(valid.email),
          phone: ctx.box.seal(valid.phone),
          mall: ctx.box.seal(valid.mall),
          email_hash: await hash('email', valid.email),
          mall_hash: await hash('mall', valid.mall),
          daily_orders: valid.dailyOrders,
          pains: toJson([...new Set(valid.pains)].sort((a, b) => a - b)),
          tools: valid.tools === null || valid.tools === '' ? null : ctx.box.seal(valid.tools),
          consent_version: valid.consentVersion,
          consented_at: now,
          created_at: now,
          benefit_applied_at: null,
          destroyed_at: null,
        })
        // Both hashes are unique: a second registration with either the e-mail or the mall is skipped.
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row === undefined ? { ok: false, error: 'duplicate' } : { ok: true, id: Number(row.id) };
    },

    /** Every registration, newest first, decrypted (personal fields null once destroyed). */
    async list(options: { limit?: number; offset?: number } = {}): Promise<Preregistration[]> {
      const rows = await ctx.db
        .selectFrom('preregistrations')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(options.limit ?? 10_000)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        name: open(row.name),
        email: open(row.email),
        phone: open(row.phone),
        mall: open(row.mall),
        dailyOrders: row.daily_orders === null ? null : Number(row.daily_orders),
        pains: fromJson<number[]>(row.pains),
        tools: open(row.tools),
        consentVersion: row.consent_version,
        consentedAt: Number(row.consented_at),
        createdAt: Number(row.created_at),
        benefitAppliedAt: row.benefit_applied_at === null ? null : Number(row.benefit_applied_at),
        destroyedAt: row.destroyed_at === null ? null : Number(row.destroyed_at),
      }));
    },

    /**
     * The registration matching an installing mall: by mall id first, else by e-mail (both
     * normalised here; the mall id is Cafe24's, taken as it is, lower-cased). Null when none matches
     * or the personal data was destroyed.
     */
    async findMatch(input: { mallId: string; email?: string | null }): Promise<{ id: number } | null> {
      const mall = input.mallId.trim().toLowerCase();
      const email = input.email?.trim() ? normaliseEmail(input.email) : null;
      const hashes = {
        mall: mall === '' ? null : await hash('mall', mall),
        email: email === null ? null : await hash('email', email),
      };
      const rows = await ctx.db
        .selectFrom('preregistrations')
        .select(['id', 'mall_hash'])
        .where((eb) =>
          eb.or([eb('mall_hash', '=', hashes.mall ?? ''), eb('email_hash', '=', hashes.email ?? '')]),
        )
        .where('destroyed_at', 'is', null)
        .execute();
      const chosen = rows.find((row) => row.mall_hash === hashes.mall) ?? rows[0];
      return chosen === undefined ? null : { id: Number(chosen.id) };
    },

    /** Records that the early-user benefit was granted for this registration; false when unknown. */
    async markBenefitApplied(id: number, now: number): Promise<boolean> {
      const result = await ctx.db
        .updateTable('preregistrations')
        .set({ benefit_applied_at: now })
        .where('id', '=', id)
        .where('benefit_applied_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Destroys the personal data of every registration created up to `now` (end of the
     * pre-registration purpose): sealed fields, free text and both hashes become null, `destroyed_at`
     * is set. Idempotent; returns how many rows were destroyed now.
     */
    async destroyPersonalData(now: number): Promise<number> {
      const result = await ctx.db
        .updateTable('preregistrations')
        .set({
          name: null,
          email: null,
          phone: null,
          mall: null,
          tools: null,
          email_hash: null,
          mall_hash: null,
          destroyed_at: now,
        })
        .where('destroyed_at', 'is', null)
        .where('created_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Counts for the operator view; available before and after destruction. */
    async counts(): Promise<PreregistrationCounts> {
      const rows = await ctx.db
        .selectFrom('preregistrations')
        .select(['pains', 'destroyed_at', 'benefit_applied_at'])
        .execute();
      const pains: Record<string, number> = {};
      for (const row of rows) {
        for (const pain of fromJson<number[]>(row.pains)) pains[pain] = (pains[pain] ?? 0) + 1;
      }
      return {
        total: rows.length,
        destroyed: rows.filter((row) => row.destroyed_at !== null).length,
        benefitApplied: rows.filter((row) => row.benefit_applied_at !== null).length,
        pains,
      };
    },
  };
}
export type PreregistrationsRepository = ReturnType<typeof createPreregistrationsRepository>;
