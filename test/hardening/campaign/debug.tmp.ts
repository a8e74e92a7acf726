import { formatCampaignReport, runCampaign } from './run-campaign.js';
const dialect = (process.argv[2] as 'sqlite' | 'postgres') ?? 'sqlite';
const report = await runCampaign({
  dialect,
  malls: 10,
  ordersPerMall: Number(process.argv[3] ?? 40),
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
  log: (line) => console.log(new Date().toISOString().slice(11, 19), line),
});
console.log(formatCampaignReport(report));
