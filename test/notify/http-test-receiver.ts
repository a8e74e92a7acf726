import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface HttpTestReceiver {
  url: string;
  received: ReceivedRequest[];
  /** How the next requests are answered; `hang` never answers. */
  respondWith(answer: { status: number; body?: string } | 'hang'): void;
  close(): Promise<void>;
}

/** A local HTTP server that records JSON POSTs and answers as the test says (200 by default). */
export async function startHttpTestReceiver(): Promise<HttpTestReceiver> {
  const received: ReceivedRequest[] = [];
  let answer: { status: number; body?: string } | 'hang' = { status: 200, body: 'ok' };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      raw += chunk;
    });
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: raw.length > 0 ? (JSON.parse(raw) as unknown) : null,
      });
      if (answer === 'hang') return; // the socket is destroyed by close()
      response.writeHead(answer.status, { 'content-type': 'text/plain' });
      response.end(answer.body ?? '');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith: (next) => {
      answer = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
