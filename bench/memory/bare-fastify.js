// The memory benchmark's baseline: an empty Fastify server under the same runtime as `npm start`
// (plain node, no TypeScript loader), measured through memory-probe.js.
import process from 'node:process';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
// The benchmark waits for this line before measuring.
process.stdout.write(`listening ${url}\n`);
