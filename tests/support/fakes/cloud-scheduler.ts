// A local server speaking the Cloud Scheduler v1 REST wire format (as the official client sends
// it in fallback mode: JSON bodies, enums as integers, durations as "55s", updateMask in the query).
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface StoredJob {
  name: string;
  [field: string]: unknown;
}

export interface SchedulerFake {
  url: string;
  port: number;
  jobs: Map<string, StoredJob>;
  requests: Array<{ method: string; path: string; body: unknown }>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

function setPath(target: Record<string, unknown>, source: Record<string, unknown>, path: string) {
  const camel = path.split('.').map((p) => p.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
  let t = target;
  let s: unknown = source;
  for (const [i, key] of camel.entries()) {
    s = (s as Record<string, unknown> | undefined)?.[key];
    if (i === camel.length - 1) t[key] = s;
    else t = (t[key] ??= {}) as Record<string, unknown>;
  }
}

export async function startSchedulerFake(): Promise<SchedulerFake> {
  const jobs = new Map<string, StoredJob>();
  const requests: SchedulerFake['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    requests.push({ method: req.method ?? '', path: url.pathname, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const notFound = () => send(404, { error: { code: 404, message: 'Job not found.', status: 'NOT_FOUND' } });
    const m = /^\/v1\/(projects\/[^/]+\/locations\/[^/]+)\/jobs(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return notFound();
    const [, parent, jobId] = m;
    if (!jobId && req.method === 'GET') return send(200, { jobs: [...jobs.values()].filter((j) => j.name.startsWith(`${parent}/jobs/`)) });
    if (!jobId && req.method === 'POST') {
      const job = body as StoredJob;
      if (jobs.has(job.name)) return send(409, { error: { code: 409, message: 'Job already exists.', status: 'ALREADY_EXISTS' } });
      const stored = { ...job, state: 1, userUpdateTime: new Date().toISOString() };
      jobs.set(job.name, stored);
      return send(200, stored);
    }
    const name = `${parent}/jobs/${jobId}`;
    const existing = jobs.get(name);
    if (!existing) return notFound();
    if (req.method === 'GET') return send(200, existing);
    if (req.method === 'PATCH') {
      const mask = (url.searchParams.get('updateMask') ?? '').split(',').filter(Boolean);
      const updated = structuredClone(existing);
      for (const path of mask) setPath(updated, body ?? {}, path);
      jobs.set(name, updated);
      return send(200, updated);
    }
    if (req.method === 'DELETE') {
      jobs.delete(name);
      return send(200, {});
    }
    return notFound();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, port, jobs, requests, close: () => new Promise((r) => server.close(() => r())) };
}
