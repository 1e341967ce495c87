// A plain node:http server that hands requests to our route handlers, so code that calls its
// own public URL (Send test delivery) can be exercised in-process: real HTTP, real handlers.
import { createServer, type Server } from 'node:http';

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
export interface Route {
  pattern: RegExp;
  handler: unknown;
  params: (m: RegExpExecArray) => Record<string, string>;
}

export async function startRouteServer(routes: Route[]): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m);
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(url, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
      const response = await (route.r.handler as Handler)(request, { params: Promise.resolve(route.r.params(route.m!)) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((r) => server.close(() => r())) };
}
