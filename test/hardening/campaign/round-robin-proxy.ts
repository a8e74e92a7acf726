import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The load balancer in front of several `passwing web` processes: requests go round-robin; a
 * backend that refuses the connection (killed, restarting) is skipped and the next one tried, as a
 * load balancer with health checks does. Bodies are buffered (webhooks and OAuth redirects are small).
 */
export interface RoundRobinProxy {
  readonly url: string;
  setBackends(ports: number[]): void;
  /** Requests answered by each backend port, and requests no backend could take. */
  counts(): { byPort: Record<number, number>; unavailable: number };
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let backends: number[] = [];
  let next = 0;
  const byPort: Record<number, number> = {};
  let unavailable = 0;

  const forward = (port: number, incoming: IncomingMessage, body: Buffer): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: `127.0.0.1:${port}`, connection: 'close' },
        },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const candidates = backends.length;
        for (let tried = 0; tried < candidates; tried += 1) {
          const port = backends[next++ % backends.length]!;
          try {
            const answer = await forward(port, incoming, body);
            byPort[port] = (byPort[port] ?? 0) + 1;
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
            return;
          } catch {
            // Connection refused or reset: the next backend.
          }
        }
        unavailable += 1;
        response.writeHead(502).end('no backend available');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setBackends(ports) {
      backends = [...ports];
    },
    counts: () => ({ byPort: { ...byPort }, unavailable }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port free right now (the OS picks it), for a child process to listen on. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
