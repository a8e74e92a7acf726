// Fault campaign at full size (`npm run bench:campaign [-- --orders-per-mall N] [--dialects postgres,sqlite]
// [--outage server|database|none] [--json]`): issue 8's 5,000-order burst across 10 malls (500 each by
// default) through separate `passwing web` and `passwing worker` processes behind a round-robin load
// balancer — PostgreSQL: web ×2 and worker ×3; SQLite: web ×1 and worker ×2 sharing the file — while the
// sandbox injects 5% API 5xx, 2% timeouts, 10% dropped and 10% duplicated webhooks with reordering,
// every access token expires mid-burst, three malls get a 429 storm, workers are killed -9 five times
// and a web process twice, and PostgreSQL is restarted (`--outage server` stops and starts the cluster:
// run it on a machine where nothing else uses that server). Prints, per dialect, the events, retries,
// duplicates suppressed, dead letters, racing 429s, notifications and the time to convergence, and
// whether every order's labels equal what `passwing replay` computes.
import { parseArgs } from 'node:util';
import {
  formatCampaignReport,
  runCampaign,
  type CampaignReport,
} from '../test/hardening/campaign/run-campaign.js';
import type { Dialect } from '../test/pipeline/pipeline-stack.js';

const { values: options } = parseArgs({
  options: {
    'orders-per-mall': { type: 'string', default: '500' },
    'orders-per-second': { type: 'string', default: '50' },
    dialects: { type: 'string', default: 'postgres,sqlite' },
    outage: { type: 'string', default: 'server' },
    json: { type: 'boolean', default: false },
  },
});
const outage = options.outage as 'server' | 'database' | 'none';
if (!['server', 'database', 'none'].includes(outage))
  throw new Error(`--outage must be server, database or none`);

const reports: CampaignReport[] = [];
for (const dialect of options.dialects.split(',').map((name) => name.trim()) as Dialect[]) {
  const report = await runCampaign({
    dialect,
    malls: 10,
    ordersPerMall: Number(options['orders-per-mall']),
    ordersPerSecond: Number(options['orders-per-second']),
    webProcesses: dialect === 'postgres' ? 2 : 1,
    workerProcesses: dialect === 'postgres' ? 3 : 2,
    workerKills: 5,
    webKills: 2,
    databaseOutage: outage,
    outageMs: 5000,
    faults: 'http5xx=5,timeout=2,hang=3000,drop=10,dup=10,reorder=1',
    stormMalls: 3,
    stormMs: 5000,
    seed: 2026,
    leaseSeconds: 15,
    convergenceTimeoutMs: 20 * 60_000,
    log: (line) => {
      if (!options.json) console.log(line);
    },
  });
  reports.push(report);
  if (!options.json) console.log(`${formatCampaignReport(report)}\n`);
}
if (options.json) console.log(JSON.stringify(reports, null, 2));
const failed = reports.filter((report) => report.problems.length > 0);
if (failed.length > 0) {
  console.error(`campaign broke its promises on ${failed.map((report) => report.dialect).join(', ')}`);
  process.exitCode = 1;
}
