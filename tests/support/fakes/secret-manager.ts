// A local server speaking Secret Manager's REST wire format (v1, JSON), for the real
// @google-cloud/secret-manager client in REST mode. Keeps secrets and versions in memory.
import { createServer, type Server } from 'node:http';
import { crc32c } from '@/server/integrations/google/crc32c';

export interface SecretManagerFake {
  port: number;
  /** Latest enabled value of a secret, as the fake stores it. */
  latest(project: string, secret: string): string | undefined;
  versions(project: string, secret: string): number;
  /** Make every call fail with this HTTP status and gRPC status name (e.g. 503 UNAVAILABLE). */
  failWith(status: number | null, name?: string): void;
  /** Serve payloads with a wrong checksum, as a corrupted response would. */
  corruptChecksums(on: boolean): void;
  requests: string[];
  close(): Promise<void>;
}

const STATUS_NAME: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 503: 'UNAVAILABLE' };

export async function startSecretManagerFake(): Promise<SecretManagerFake> {
  const secrets = new Map<string, Array<{ data: Buffer; createTime: string }>>();
  let failure: { status: number; name: string } | null = null;
  let corrupt = false;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, message: string) => send(status, { error: { code: status, message, status: STATUS_NAME[status] ?? 'UNKNOWN' } });
      if (failure) return send(failure.status, { error: { code: failure.status, message: 'injected failure', status: failure.name } });
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && (m = /^\/v1\/(projects\/[^/]+\/secrets\/[^/]+)\/versions\/latest:access$/.exec(url.pathname))) {
        const versions = secrets.get(m[1]!);
        const last = versions?.at(-1);
        if (!last) return error(404, `Secret [${m[1]}] not found or has no versions.`);
        const checksum = crc32c(last.data) + (corrupt ? 1 : 0);
        return send(200, { name: `${m[1]}/versions/${versions!.length}`, payload: { data: last.data.toString('base64'), dataCrc32c: String(checksum) } });
      }
      if (req.method === 'POST' && (m = /^\/v1\/(projects\/[^/]+)\/secrets$/.exec(url.pathname))) {
        const id = url.searchParams.get('secretId');
        if (!id || !/^[A-Za-z0-9_-]{1,255}$/.test(id)) return error(400, 'Invalid secretId.');
        const name = `${m[1]}/secrets/${id}`;
        if (secrets.has(name)) return error(409, `Secret [${name}] already exists.`);
        const body = JSON.parse(raw || '{}') as { replication?: unknown };
        if (!body.replication) return error(400, 'Secret.replication is required.');
        secrets.set(name, []);
        return send(200, { name, replication: body.replication, createTime: new Date().toISOString() });
      }
      if (req.method === 'POST' && (m = /^\/v1\/(projects\/[^/]+\/secrets\/[^/]+):addVersion$/.exec(url.pathname))) {
        const versions = secrets.get(m[1]!);
        if (!versions) return error(404, `Secret [${m[1]}] not found.`);
        const body = JSON.parse(raw || '{}') as { payload?: { data?: string; dataCrc32c?: string } };
        const data = Buffer.from(body.payload?.data ?? '', 'base64');
        if (body.payload?.dataCrc32c !== undefined && Number(body.payload.dataCrc32c) !== crc32c(data)) return error(400, 'Checksum mismatch.');
        versions.push({ data, createTime: new Date().toISOString() });
        return send(200, { name: `${m[1]}/versions/${versions.length}`, state: 'ENABLED', createTime: new Date().toISOString() });
      }
      if (req.method === 'DELETE' && (m = /^\/v1\/(projects\/[^/]+\/secrets\/[^/]+)$/.exec(url.pathname))) {
        if (!secrets.delete(m[1]!)) return error(404, `Secret [${m[1]}] not found.`);
        return send(200, {});
      }
      error(404, `No route for ${req.method} ${url.pathname}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    latest: (p, s) => secrets.get(`projects/${p}/secrets/${s}`)?.at(-1)?.data.toString('utf8'),
    versions: (p, s) => secrets.get(`projects/${p}/secrets/${s}`)?.length ?? 0,
    failWith: (status, name) => {
      failure = status === null ? null : { status, name: name ?? STATUS_NAME[status] ?? 'UNKNOWN' };
    },
    corruptChecksums: (on) => {
      corrupt = on;
    },
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
