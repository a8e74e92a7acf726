// Runs one autocannon load in its own process, so the load generator does not share the event loop
// (and the CPU time accounting) of the server under test. Used by bench/intake.bench.ts:
// `node --import tsx bench/pipeline/autocannon-driver.ts URL SECONDS CONNECTIONS RATE FIRST_SEQUENCE MALL`
// (RATE 0 = as fast as possible). Prints one JSON line with the figures.
import autocannon from 'autocannon';
import { orderPlacedBody } from './order-placed-body.js';

const [url = '', seconds = '5', connections = '10', rate = '0', firstSequence = '0', mallId = 'bench-mall'] =
  process.argv.slice(2);
let sequence = Number(firstSequence);
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json' },
  ...(Number(rate) > 0 ? { overallRate: Number(rate) } : {}),
  requests: [
    {
      setupRequest: (request) => {
        sequence += 1;
        return { ...request, body: orderPlacedBody(mallId, sequence) };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  })}\n`,
);
