import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What a fake answers next: a normal answer, an HTTP error, a hang past the client's timeout, or both (accept, then hang). */
export type Behaviour = 'ok' | 'hang' | 'accept-then-hang' | { status: number; body?: unknown; raw?: string };

export interface HttpFake {
  url: string;
  port: number;
  /** Queue behaviours for the next calls; once empty, calls are answered normally. */
  next(...b: Behaviour[]): void;
  calls: number;
  close(): Promise<void>;
}

export interface FakeRequest {
  req: IncomingMessage;
  url: URL;
  body: string;
}

export async function startHttpFake(handle: (r: FakeRequest, behaviour: Behaviour, res: ServerResponse) => Promise<void> | void): Promise<HttpFake> {
  const queue: Behaviour[] = [];
  const hanging = new Set<ServerResponse>();
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls += 1;
      const behaviour = queue.shift() ?? 'ok';
      if (behaviour === 'hang') {
        hanging.add(res);
        return;
      }
      void Promise.resolve(handle({ req, url: new URL(req.url ?? '/', 'http://fake'), body: Buffer.concat(chunks).toString('utf8') }, behaviour, res)).catch(
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ fakeError: String(err) }));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    next: (...b) => queue.push(...b),
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Writes JSON text as given, so tests can send integers beyond 2^53 exactly. */
export function sendRaw(res: ServerResponse, status: number, raw: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(raw);
}

export function basicAuthOf(req: IncomingMessage): { user: string; pass: string } | null {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const [user = '', ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
  return { user, pass: rest.join(':') };
}
