import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { allowListed, classifyAddress, hostNameProblem, isIpLiteral, normalizeHost, NOT_PUBLIC, type AllowEntry } from '@/domain/net/address-policy';
import { config } from '../config';

/**
 * The one way server code calls a URL a user typed (a playbook's webhook, and whatever comes
 * next). Every environment gets the same guard: parse, refuse private names, resolve once,
 * refuse unless every answer is public (or on OUTBOUND_ALLOW_HOSTS), then connect to the very
 * address that was checked, so a resolver that changes its answer (DNS rebinding) gains nothing.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

const systemLookup: LookupFn = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

let lookupForTests: LookupFn | undefined;

/** Tests answer DNS themselves (a name that resolves to 10.x, a resolver that rebinds). */
export function setOutboundLookupForTests(fn: LookupFn | undefined) {
  lookupForTests = fn;
}

export type RefusalReason = 'not_public' | 'https_required' | 'invalid_url';

const REFUSAL_MESSAGE: Record<RefusalReason, string> = {
  not_public: NOT_PUBLIC,
  https_required: 'refused: only https:// URLs are called',
  invalid_url: 'refused: not an http(s) URL',
};

/** Refused before any connection. `message` is safe to show; `internalDetail` (which address, which range) is for server logs only. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly internalDetail: string,
  ) {
    super(REFUSAL_MESSAGE[reason]);
    this.name = 'OutboundRefusedError';
  }
}

/** A permitted destination that could not be reached (DNS failure, refused connection, timeout, TLS). */
export class OutboundFailedError extends Error {
  constructor(
    message: string,
    readonly address: string | null,
  ) {
    super(message);
    this.name = 'OutboundFailedError';
  }
}

export interface OutboundPolicy {
  allowHosts: readonly AllowEntry[];
  requireHttps: boolean;
}

export function defaultOutboundPolicy(): OutboundPolicy {
  const c = config();
  return { allowHosts: c.outbound.allowHosts, requireHttps: c.isProduction };
}

export interface OutboundTarget {
  url: URL;
  /** The host as typed, normalised: what SNI and certificate checks use. */
  host: string;
  port: number;
  /** The checked address the connection goes to. */
  address: string;
  family: 4 | 6;
}

export interface ResolveOptions {
  lookup?: LookupFn;
  policy?: OutboundPolicy;
  signal?: AbortSignal;
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Checks a URL and resolves its host once; throws OutboundRefusedError or OutboundFailedError. */
export async function resolveOutboundTarget(input: string | URL, opts: ResolveOptions = {}): Promise<OutboundTarget> {
  const policy = opts.policy ?? defaultOutboundPolicy();
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefusedError('invalid_url', 'unparseable URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefusedError('invalid_url', `scheme ${url.protocol}`);
  if (policy.requireHttps && url.protocol !== 'https:') throw new OutboundRefusedError('https_required', `scheme ${url.protocol}`);
  const host = normalizeHost(url.hostname);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

  let answers: ResolvedAddress[];
  if (isIpLiteral(host)) answers = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    const problem = hostNameProblem(host);
    if (problem) throw new OutboundRefusedError('not_public', `${host}: ${problem}`);
    const lookup = opts.lookup ?? lookupForTests ?? systemLookup;
    try {
      answers = await abortable(lookup(host), opts.signal);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new OutboundFailedError('the host name does not resolve', null);
    }
    if (!answers.length) throw new OutboundFailedError('the host name does not resolve', null);
  }
  // One private answer among public ones is enough to refuse: which one a client picks is not ours to predict.
  for (const a of answers) {
    if (allowListed(policy.allowHosts, a.address, port)) continue;
    const verdict = classifyAddress(a.address);
    if (!verdict.ok) throw new OutboundRefusedError('not_public', `${host} -> ${a.address} (${verdict.range})`);
  }
  const first = answers[0]!;
  return { url, host, port, address: first.address, family: first.family };
}

export interface OutboundRequestInit extends Omit<ResolveOptions, 'signal'> {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange (lookup, connect, answer): 10 s unless given. */
  timeoutMs?: number;
  /** Bytes of the answer kept; the rest is cut off (64 KiB unless given). */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  truncated: boolean;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  HPE_INVALID_CONSTANT: 'not an HTTP answer',
};

/** A short reason from the error code; never the error's message, which names addresses. */
function failure(err: unknown, signal: AbortSignal, timeoutMs: number, address: string | null): OutboundFailedError {
  if (err instanceof OutboundFailedError) return err;
  if (signal.aborted) return new OutboundFailedError(`timed out after ${timeoutMs / 1000} s`, address);
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  if (NETWORK_ERRORS[code]) return new OutboundFailedError(NETWORK_ERRORS[code], address);
  if (/CERT|TLS|SSL|SELF_SIGNED/.test(code)) return new OutboundFailedError(`TLS certificate problem (${code})`, address);
  return new OutboundFailedError(code ? `network error (${code})` : 'network error', address);
}

function send(t: OutboundTarget, init: OutboundRequestInit, signal: AbortSignal, timeoutMs: number): Promise<OutboundResponse> {
  // Node asks this instead of the resolver, so the socket can only open to the address checked above.
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: t.address, family: t.family }]);
    else callback(null, t.address, t.family);
  };
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const max = init.maxResponseBytes ?? 64 * 1024;
  const { url } = t;
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const req = (url.protocol === 'https:' ? https : http).request(
      {
        protocol: url.protocol,
        hostname: t.host,
        port: t.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers: { ...init.headers, host: url.host, ...(body ? { 'content-length': String(body.length) } : {}) },
        auth: url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        // A fresh connection every time: a pooled socket could have been opened to another address for the same name.
        agent: false,
        lookup: pinned,
        servername: isIpLiteral(t.host) ? undefined : t.host,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (truncated: boolean) =>
          settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated }));
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          if (size + chunk.length > max) {
            chunks.push(chunk.subarray(0, max - size));
            done(true);
            res.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => done(false));
        res.on('error', (err) => settle(() => reject(failure(err, signal, timeoutMs, t.address))));
      },
    );
    req.on('error', (err) => settle(() => reject(failure(err, signal, timeoutMs, t.address))));
    req.end(body);
  });
}

/** A guarded request: redirects are answers (never followed), with a deadline and a size cap. */
export async function outboundRequest(input: string | URL, init: OutboundRequestInit = {}): Promise<OutboundResponse> {
  const timeoutMs = init.timeoutMs ?? 10_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  try {
    let target: OutboundTarget;
    try {
      target = await resolveOutboundTarget(input, { lookup: init.lookup, policy: init.policy, signal: controller.signal });
    } catch (err) {
      if (err instanceof OutboundRefusedError) throw err;
      throw failure(err, controller.signal, timeoutMs, null);
    }
    return await send(target, init, controller.signal, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
