import { describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../pipeline/pipeline-stack.js';
import { formatCampaignReport, runCampaign } from './campaign/run-campaign.js';

/**
 * Issue 8's fault campaign, sized for CI: 400 orders across 10 malls (`npm run bench:campaign` runs
 * the full 5,000). Separate `passwing web` and `passwing worker` processes behind a round-robin load
 * balancer — on PostgreSQL two web and three workers, on SQLite one web and two workers sharing the
 * file — while the sandbox injects API 5xx and timeouts, drops, duplicates and reorders webhooks, all
 * access tokens expire mid-burst, another app floods three malls' buckets (429 storm), workers are
 * killed -9 three times, a web process once, and (PostgreSQL) the database drops every connection.
 */
describe.each(dialectsUnderTest())('fault campaign on %s', (dialect) => {
  it('converges to what replay computes: nothing lost, nothing twice, no 429 from racing workers', async () => {
    const report = await runCampaign({
      dialect,
      malls: 10,
      ordersPerMall: 40,
      ordersPerSecond: 20,
      webProcesses: dialect === 'postgres' ? 2 : 1,
      workerProcesses: dialect === 'postgres' ? 3 : 2,
      workerKills: 3,
      webKills: 1,
      databaseOutage: 'database',
      outageMs: 4000,
      faults: 'http5xx=5,timeout=2,hang=2000,drop=10,dup=10,reorder=1',
      stormMalls: 3,
      stormMs: 3000,
      seed: 808,
      leaseSeconds: 10,
      convergenceTimeoutMs: 240_000,
      log: (line) => console.log(line),
    });
    console.log(formatCampaignReport(report));
    expect(report.problems).toEqual([]);
    // Each fault really happened (a campaign that injected nothing would prove nothing).
    expect(report.webhooks.dropped).toBeGreaterThan(0);
    expect(report.webhooks.duplicatesSuppressed).toBeGreaterThan(0);
    expect(report.webhooks.reordered).toBeGreaterThan(0);
    expect(report.cafe24.injected5xx).toBeGreaterThan(0);
    expect(report.cafe24.injectedTimeouts).toBeGreaterThan(0);
    expect(report.cafe24.expiredTokens401).toBeGreaterThan(0);
    expect(report.cafe24.storm429).toBeGreaterThan(0);
    expect(report.ordersCaughtByReconciliation).toBeGreaterThan(0);
    expect(report.notifications.expected).toBeGreaterThan(0);
    // The promises themselves (also in `problems`, stated here as numbers).
    expect(report.labelMismatches).toBe(0);
    expect(report.ordersProcessedTwice).toBe(0);
    expect(report.notifications.sentTwice).toBe(0);
    expect(report.cafe24.racing429).toBe(0);
    expect(report.deadLetters).toBe(0);
  }, 420_000);
});
