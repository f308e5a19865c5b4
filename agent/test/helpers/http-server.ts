// A real HTTP server on 127.0.0.1, port 0, answering each path as the test says and recording every
// request, so enrollment is tested through the agent's real transport (node:http) rather than with an
// injected function. The platform's own behaviour is tested against the real platform in test/e2e.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Answer {
  status: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** 'hang': accept the request and never answer (for timeouts). */
export type Route = Answer | 'hang' | ((request: RecordedRequest) => Answer);

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces or adds the answer for a path (method-agnostic). */
  route(path: string, route: Route): void;
}

export async function startScriptedServer(routes: Record<string, Route> = {}): Promise<ScriptedServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const route = table.get(recorded.path);
      if (route === 'hang') {
        hanging.add(res);
        return;
      }
      const answer: Answer = route === undefined ? { status: 404, body: { message: 'not found' } } : typeof route === 'function' ? route(recorded) : route;
      const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    route: (path, route) => void table.set(path, route),
  };
}
