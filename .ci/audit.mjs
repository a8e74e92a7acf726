// `npm audit` of the lock file: fails on any high or critical finding, listing each. When the
// registry's advisory endpoint cannot be reached (this machine's registry answers 405 to it), says
// so on one line and passes: an outage elsewhere is not a finding, but it is never reported as clean.
import { execFileSync } from 'node:child_process';
import process from 'node:process';

const say = (line) => process.stdout.write(`${line}\n`);

let output;
try {
  output = execFileSync('npm', ['audit', '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  output = error.stdout ?? ''; // npm audit exits 1 both when it finds something and when it cannot ask
}
let report;
try {
  report = JSON.parse(output);
} catch {
  say('npm audit: NOT CHECKED (no JSON answer from npm audit)');
  process.exit(0);
}
if (report.metadata?.vulnerabilities === undefined) {
  const why = report.statusCode
    ? `advisory endpoint answered ${report.statusCode}`
    : (report.message ?? 'no report');
  say(`npm audit: NOT CHECKED (${why})`);
  process.exit(0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.severity === 'high' || v.severity === 'critical',
);
for (const v of serious) {
  const via = v.via
    .map((item) => (typeof item === 'string' ? item : `${item.title} ${item.url ?? ''}`))
    .join('; ');
  say(`${v.severity}: ${v.name} ${v.range} — ${via}`);
}
const counts = report.metadata.vulnerabilities;
say(
  `npm audit: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`,
);
process.exit(serious.length > 0 ? 1 : 0);
