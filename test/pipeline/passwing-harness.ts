import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installThroughOAuth, launchPassWing, type PassWing } from '../../src/cli/launch-passwing.js';
import { loadConfig } from '../../src/config.js';
import type { Flow } from '../../src/engine/flow-schema.js';
import { createConsoleBackend } from '../../src/server/create-console-backend.js';
import { findTemplate } from '../../src/templates/index.js';

export interface Harness {
  passwing: PassWing;
  /** The temporary data directory (SQLite files, key file). */
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * A whole PassWing (web + worker) on a temporary SQLite data directory (or the PostgreSQL URL
 * given), with its own Cafe24 sandbox, the given malls installed through the real OAuth flow.
 */
export async function startPassWing(options: {
  malls: string[];
  historyOrders?: number;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-e2e-'));
  const config = loadConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    PASSWING_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PASSWING_SANDBOX: 'on',
    PASSWING_BATCH_WINDOW_MS: '50',
    ...(options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl, PASSWING_SECRET_KEY: 'a'.repeat(44) }
      : {}),
    ...options.env,
  });
  const passwing = await launchPassWing({
    config,
    web: true,
    worker: true,
    createBackend: createConsoleBackend,
    sandboxMalls: options.malls,
    sandboxHistoryOrders: options.historyOrders ?? 30,
  });
  for (const mallId of options.malls) await installThroughOAuth(passwing, mallId);
  return {
    passwing,
    dataDir,
    async cleanup() {
      await passwing.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Installs built-in templates as the mall's flows (defaults unless params are given). */
export async function installTemplates(
  passwing: PassWing,
  mallId: string,
  templates: { id: string; params?: Record<string, unknown> }[],
): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (const { id, params } of templates) {
    const template = findTemplate(id);
    if (!template) throw new Error(`no template ${id}`);
    const flow = template.build(params);
    await passwing.runtime.ctx.store.flows.save(mallId, flow, {
      author: 'test',
      note: 'install',
      now: Date.now(),
    });
    flows.push(flow);
  }
  return flows;
}

/** Polls `check` until it returns true (bounded: throws after `timeoutMs`). */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
