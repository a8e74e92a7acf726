import { buildAuthorizeUrl, exchangeCode } from '../cafe24/oauth.js';
import { createOAuthState, verifyOAuthState } from '../cafe24/oauth-state.js';
import type { NonceStore } from '../cafe24/nonce-store.js';
import { buildOrderCompleteScript } from '../cafe24/order-complete-script.js';
import { ensureScriptTag } from '../cafe24/resources/scripttags.js';
import { applyEarlyUserBenefit } from './early-user-benefit.js';
import { IMPORT_QUEUE, installImportJob } from './import-orders.js';
import type { PipelineContext } from './pipeline-context.js';
import { toStoredTokens } from './store-token-store.js';
import { CATALOGUE_QUEUE } from './sync-catalogue.js';

/** Where Cafe24 sends the merchant back after consent. */
export const callbackUrl = (ctx: PipelineContext) => `${ctx.config.publicUrl}/cafe24/callback`;

/** Step 1 of the install: the Cafe24 authorize URL with a signed, single-use, 10-minute state. */
export function startInstall(ctx: PipelineContext, mallId: string): string {
  const state = createOAuthState({ mallId, secret: ctx.cafe24.config.clientSecret, now: ctx.now() });
  return buildAuthorizeUrl({
    mallId,
    clientId: ctx.cafe24.config.clientId,
    redirectUri: ctx.cafe24.config.redirectUri,
    scopes: ctx.cafe24.config.scopes,
    state,
    apiBaseUrlPattern: ctx.cafe24.config.apiBaseUrlPattern,
    scopeSeparator: ctx.cafe24.config.scopeSeparator,
  });
}

export type InstallResult =
  | { ok: true; mallId: string }
  | { ok: false; error: 'bad_state'; detail: 'malformed' | 'bad_signature' | 'expired' | 'replayed' };

/**
 * Step 2, the OAuth callback: verifies the state, exchanges the code, stores the tokens (sealed),
 * marks the mall installed, registers the order-complete beacon script and starts the catalogue
 * sync and the import of past orders into the ledger.
 */
export async function completeInstall(
  ctx: PipelineContext,
  input: { code: string; state: string; nonces: NonceStore },
): Promise<InstallResult> {
  const verified = await verifyOAuthState(input.state, {
    secret: ctx.cafe24.config.clientSecret,
    now: ctx.now(),
    store: input.nonces,
  });
  if (!verified.ok) return { ok: false, error: 'bad_state', detail: verified.error };
  const { mallId } = verified;
  const tokens = await exchangeCode({ config: ctx.cafe24.config, mallId, code: input.code });
  await ctx.store.malls.install(mallId, { shopNo: tokens.shopNo, plan: 'trial', now: ctx.now() });
  await ctx.store.credentials.put(mallId, toStoredTokens(tokens), ctx.now());
  if (ctx.config.launchDate) {
    const benefit = await applyEarlyUserBenefit(ctx.store, {
      mallId,
      launchDate: ctx.config.launchDate,
      now: ctx.now(),
    });
    if (benefit.applied) ctx.logger.info({ mallId }, 'early-user benefit applied');
  }
  try {
    await ensureScriptTag(ctx.cafe24.client(mallId), {
      src: `${ctx.config.publicUrl}/beacon/order-complete.js?mall_id=${encodeURIComponent(mallId)}`,
    });
  } catch (error) {
    // The beacon only feeds the overseas-IP facts; the install goes on without it.
    ctx.logger.warn({ mallId, err: error }, 'storefront script registration failed');
  }
  await ctx.queue.enqueue(CATALOGUE_QUEUE, { mallId, productNos: [] }, { singletonKey: `${mallId}:all` });
  await ctx.queue.enqueue(IMPORT_QUEUE, installImportJob(mallId, ctx.now(), ctx.config.importDays), {
    singletonKey: `${mallId}:install-import`,
  });
  ctx.logger.info({ mallId }, 'mall installed');
  return { ok: true, mallId };
}

/** The storefront script served at /beacon/order-complete.js?mall_id=… (posts the order id back). */
export const orderCompleteScript = (ctx: PipelineContext, mallId: string) =>
  buildOrderCompleteScript(
    `${ctx.config.publicUrl}/beacon/order-complete?mall_id=${encodeURIComponent(mallId)}`,
  );
