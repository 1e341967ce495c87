// The outbound guard against real local HTTP servers: a canary on loopback counts every
// connection that gets through, so a bypass shows up as a request it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOT_PUBLIC, parseAllowList } from '@/domain/net/address-policy';
import { outboundRequest, OutboundFailedError, OutboundRefusedError, type LookupFn, type OutboundPolicy, type ResolvedAddress } from './outbound-request';

interface Canary {
  port: number;
  hits: Array<{ method?: string; url?: string; host?: string; body: string }>;
  close(): Promise<void>;
}

async function canary(address: string, port = 0, handle?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Canary> {
  const hits: Canary['hits'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, host: req.headers.host, body });
      if (handle) handle(req, res);
      else res.end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A resolver that answers from a script and counts its calls. */
function scriptedLookup(...answers: Array<Array<[string, 4 | 6]>>): LookupFn & { calls: number } {
  const fn = Object.assign(
    async (): Promise<ResolvedAddress[]> => {
      const next = answers[Math.min(fn.calls, answers.length - 1)]!;
      fn.calls += 1;
      return next.map(([address, family]) => ({ address, family }));
    },
    { calls: 0 },
  );
  return fn;
}

const open: OutboundPolicy = { allowHosts: [], requireHttps: false };
let loop: Canary;

beforeAll(async () => {
  loop = await canary('127.0.0.1');
});
afterAll(() => loop.close());
afterEach(() => {
  loop.hits.length = 0;
});

describe('refuses every address that is not public, and connects to none of them', () => {
  const cases: Array<[string, (port: number) => string, Array<[string, 4 | 6]> | null]> = [
    ['a name that resolves to 10.x', (p) => `http://ten.example.com:${p}/hook`, [['10.0.0.7', 4]]],
    ['a name that resolves to 127.x', (p) => `http://loop.example.com:${p}/hook`, [['127.0.0.1', 4]]],
    ['a name that resolves to 127.x in IPv4-mapped form', (p) => `http://mapped.example.com:${p}/hook`, [['::ffff:127.0.0.1', 6]]],
    ['[::ffff:127.0.0.1]', (p) => `http://[::ffff:127.0.0.1]:${p}/hook`, null],
    ['localhost.', (p) => `http://localhost.:${p}/hook`, null],
    ['localhost', (p) => `http://localhost:${p}/hook`, null],
    ['*.localhost', (p) => `http://api.localhost:${p}/hook`, null],
    ['*.internal', () => 'http://metadata.google.internal/computeMetadata/v1/', null],
    ['*.local', (p) => `http://printer.local:${p}/`, null],
    ['a single-label name', (p) => `http://intranet:${p}/`, null],
    ['CGNAT 100.64.0.0/10 by name', (p) => `http://cgnat.example.com:${p}/`, [['100.64.12.1', 4]]],
    ['CGNAT 100.64.0.0/10 literal', (p) => `http://100.127.0.1:${p}/`, null],
    ['benchmarking 198.18.0.0/15 by name', (p) => `http://bench.example.com:${p}/`, [['198.19.1.1', 4]]],
    ['169.254.169.254 (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/', null],
    ['fc00::/7 by name', (p) => `http://ula.example.com:${p}/`, [['fd00::1', 6]]],
    ['fc00::/7 literal', (p) => `http://[fc00::1]:${p}/`, null],
    ['fe80:: link-local', (p) => `http://[fe80::1]:${p}/`, null],
    ['6to4 2002:7f00:1:: embedding 127.0.0.1', (p) => `http://[2002:7f00:1::]:${p}/`, null],
    ['NAT64 64:ff9b::7f00:1 embedding 127.0.0.1', (p) => `http://[64:ff9b::7f00:1]:${p}/`, null],
    ['IPv4-compatible ::127.0.0.1 from a resolver', (p) => `http://compat.example.com:${p}/`, [['::127.0.0.1', 6]]],
    ['Teredo', (p) => `http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]:${p}/`, null],
    ['the unspecified ::', (p) => `http://[::]:${p}/`, null],
    ['0.0.0.0 (which Linux connects to loopback)', (p) => `http://0.0.0.0:${p}/`, null],
    ['0 as a decimal host (0.0.0.0)', (p) => `http://0:${p}/`, null],
    ['2130706433 as a decimal host (127.0.0.1)', (p) => `http://2130706433:${p}/`, null],
    ['multicast 224.0.0.1 by name', (p) => `http://multi.example.com:${p}/`, [['224.0.0.1', 4]]],
    ['multicast ff02::1', (p) => `http://[ff02::1]:${p}/`, null],
    ['broadcast 255.255.255.255', (p) => `http://255.255.255.255:${p}/`, null],
    ['documentation 203.0.113.0/24 by name', (p) => `http://doc.example.com:${p}/`, [['203.0.113.9', 4]]],
    [
      'one private answer among public ones',
      (p) => `http://mixed.example.com:${p}/`,
      [
        ['93.184.216.34', 4],
        ['127.0.0.1', 4],
      ],
    ],
  ];

  it.each(cases)('%s', async (_name, url, answers) => {
    const lookup = scriptedLookup(answers ?? [['93.184.216.34', 4]]);
    const err = await outboundRequest(url(loop.port), { method: 'POST', body: '{}', lookup, policy: open }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundRefusedError);
    expect((err as Error).message).toBe(NOT_PUBLIC);
    expect(loop.hits).toHaveLength(0);
    // Literals and refused names never reach the resolver; names are resolved exactly once.
    expect(lookup.calls).toBe(answers ? 1 : 0);
  });
});

describe('the connection goes to the address that was checked', () => {
  it('resolves once: a resolver that answers a permitted address, then 127.0.0.1, cannot move the connection (DNS rebinding)', async () => {
    // 127.0.0.2 stands in for the public address (allow-listed, as tests do not reach the internet);
    // the attacker's target, 127.0.0.1, listens on the same port and must receive nothing.
    const permitted = await canary('127.0.0.2', loop.port).catch(() => null);
    const target = permitted ? loop : await canary('127.0.0.1');
    const stand = permitted ?? (await canary('127.0.0.2', target.port));
    try {
      const lookup = scriptedLookup([['127.0.0.2', 4]], [['127.0.0.1', 4]]);
      const res = await outboundRequest(`http://rebind.example.com:${stand.port}/hook`, {
        method: 'POST',
        body: '{"n":1}',
        lookup,
        policy: { allowHosts: parseAllowList(`127.0.0.2:${stand.port}`), requireHttps: false },
      });
      expect(res.status).toBe(200);
      expect(lookup.calls).toBe(1);
      expect(stand.hits).toEqual([{ method: 'POST', url: '/hook', host: `rebind.example.com:${stand.port}`, body: '{"n":1}' }]);
      expect(target.hits).toHaveLength(0);
    } finally {
      await stand.close();
      if (target !== loop) await target.close();
    }
  });

  it('an allow-listed address is reached only on its port', async () => {
    const policy = { allowHosts: parseAllowList(`127.0.0.1:${loop.port}`), requireHttps: false };
    expect((await outboundRequest(`http://127.0.0.1:${loop.port}/ok`, { policy })).status).toBe(200);
    await expect(outboundRequest(`http://127.0.0.1:${loop.port + 1}/`, { policy })).rejects.toThrow(NOT_PUBLIC);
    expect(loop.hits.map((h) => h.url)).toEqual(['/ok']);
  });
});

describe('limits', () => {
  const local = () => ({ allowHosts: parseAllowList('127.0.0.1'), requireHttps: false });

  it('requires https when the policy says so (production)', async () => {
    const err = await outboundRequest(`http://127.0.0.1:${loop.port}/`, { policy: { ...local(), requireHttps: true } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundRefusedError);
    expect((err as OutboundRefusedError).reason).toBe('https_required');
    expect(loop.hits).toHaveLength(0);
  });

  it('does not follow redirects', async () => {
    const redirecting = await canary('127.0.0.1', 0, (_q, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${loop.port}/followed` });
      res.end();
    });
    try {
      const res = await outboundRequest(`http://127.0.0.1:${redirecting.port}/`, { policy: local() });
      expect(res.status).toBe(302);
      expect(loop.hits).toHaveLength(0);
    } finally {
      await redirecting.close();
    }
  });

  it('gives up at the deadline', async () => {
    const hanging = await canary('127.0.0.1', 0, () => undefined);
    try {
      const started = Date.now();
      const err = await outboundRequest(`http://127.0.0.1:${hanging.port}/`, { policy: local(), timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutboundFailedError);
      expect((err as Error).message).toBe('timed out after 0.3 s');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await hanging.close();
    }
  });

  it('keeps at most maxResponseBytes of the answer', async () => {
    const big = await canary('127.0.0.1', 0, (_q, res) => res.end('x'.repeat(1_000_000)));
    try {
      const res = await outboundRequest(`http://127.0.0.1:${big.port}/`, { policy: local(), maxResponseBytes: 1024 });
      expect(res).toMatchObject({ status: 200, truncated: true });
      expect(res.body).toHaveLength(1024);
    } finally {
      await big.close();
    }
  });

  it('reports a failed connection by its kind, without the error text', async () => {
    const gone = await canary('127.0.0.1');
    const port = gone.port;
    await gone.close();
    const err = await outboundRequest(`http://127.0.0.1:${port}/`, { policy: local() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundFailedError);
    expect((err as Error).message).toBe('connection refused');
  });

  it('a name that does not resolve is a failure, not a refusal', async () => {
    const lookup: LookupFn = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example.com'), { code: 'ENOTFOUND' });
    };
    const err = await outboundRequest('http://nowhere.example.com/', { policy: open, lookup }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundFailedError);
    expect((err as Error).message).toBe('the host name does not resolve');
  });
});
