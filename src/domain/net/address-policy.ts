import ipaddr from 'ipaddr.js';

/**
 * Which addresses a server-side request to a URL a user typed may reach: public unicast only.
 * ipaddr.js names the special ranges; anything it does not call 'unicast' is refused, and the
 * IPv6 forms that carry an IPv4 address inside are judged by that address.
 */

/** What the run log (or any user-facing answer) says about a refused address: nothing more. */
export const NOT_PUBLIC = 'refused: the address is not public';

export type AddressVerdict = { ok: true; address: string; family: 4 | 6 } | { ok: false; address: string; range: string };

const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const NAT64_LOCAL_USE = ipaddr.IPv6.parseCIDR('64:ff9b:1::/48');
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

function v4From(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function judgeV4(v4: ipaddr.IPv4, original: string, wrapper?: string): AddressVerdict {
  const range = v4.range();
  if (range === 'unicast') return { ok: true, address: original, family: wrapper ? 6 : 4 };
  return { ok: false, address: original, range: wrapper ? `${wrapper}(${range})` : range };
}

/**
 * ipaddr.js reads any `::a.b.c.d` as IPv4-mapped (`::8.8.8.8` becomes ::ffff:8.8.8.8), which
 * would pass an IPv4-compatible address as public; rewriting the dotted tail as two hex groups
 * first makes it parse as the address the socket would really use.
 */
function hexTail(text: string): string {
  const m = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(%.*)?$/.exec(text);
  if (!m) return text;
  const o = m.slice(2, 6).map(Number);
  if (o.some((n) => n > 255)) return text;
  return `${m[1]}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}${m[6] ?? ''}`;
}

/** Classifies one address as the resolver or the URL gave it. Unparseable text is refused. */
export function classifyAddress(text: string): AddressVerdict {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() unwraps ::ffff:a.b.c.d, so a mapped loopback is judged as the loopback it is.
    addr = ipaddr.process(hexTail(text));
  } catch {
    return { ok: false, address: text, range: 'unparseable' };
  }
  if (addr.kind() === 'ipv4') return judgeV4(addr as ipaddr.IPv4, text, text.includes(':') ? 'ipv4Mapped' : undefined);
  const v6 = addr as ipaddr.IPv6;
  const p = v6.parts;
  const range = v6.range();
  if (range === 'unspecified' || range === 'loopback') return { ok: false, address: text, range };
  // Deprecated ::a.b.c.d: never a real destination, and stacks differ on what they do with it.
  if (v6.match(IPV4_COMPATIBLE)) return { ok: false, address: text, range: 'ipv4Compatible' };
  if (v6.match(NAT64_LOCAL_USE)) return { ok: false, address: text, range: 'rfc6052(localUse)' };
  // On an IPv6-only network with DNS64 every IPv4-only host appears as 64:ff9b::a.b.c.d; judge the IPv4 inside.
  if (v6.match(NAT64_WELL_KNOWN)) return judgeV4(v4From(p[6]!, p[7]!), text, 'rfc6052');
  if (range === '6to4') return judgeV4(v4From(p[1]!, p[2]!), text, '6to4');
  // Teredo tunnels through a relay to an obfuscated client address; no webhook receiver lives there.
  if (range === 'teredo') return { ok: false, address: text, range };
  if (range !== 'unicast') return { ok: false, address: text, range };
  // ipaddr.js calls every unlisted prefix unicast; only 2000::/3 is routed on the internet.
  if (!v6.match(GLOBAL_UNICAST_V6)) return { ok: false, address: text, range: 'unallocated' };
  return { ok: true, address: text, family: 6 };
}

/** A URL host as typed, lower-cased, without IPv6 brackets or trailing dots (`localhost.` is localhost). */
export function normalizeHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '');
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host) && (ipaddr.IPv6.isValid(host) || ipaddr.IPv4.isValidFourPartDecimal(host));
}

/** Names meant for a private network, refused before any lookup. */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'arpa', 'lan', 'intranet', 'corp', 'home'];

/** Why a host name is refused without resolving it, or null. IP literals are left to classifyAddress. */
export function hostNameProblem(hostname: string): string | null {
  const host = normalizeHost(hostname);
  if (!host) return 'empty host';
  if (isIpLiteral(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2) return 'single-label name';
  const last = labels[labels.length - 1]!;
  if (PRIVATE_SUFFIXES.includes(last)) return `.${last} name`;
  return null;
}

/** One OUTBOUND_ALLOW_HOSTS entry: an address (as ipaddr.js normalises it) and a port, or any port. */
export interface AllowEntry {
  address: string;
  port: number | null;
}

const canonical = (address: string) => ipaddr.process(hexTail(address)).toNormalizedString();

/**
 * Parses OUTBOUND_ALLOW_HOSTS: comma-separated IP literals with an optional port
 * (`127.0.0.1:8080`, `127.0.0.1`, `[::1]:8080`). Host names are refused: the list opts in
 * addresses, so a name that later resolves elsewhere cannot ride on it.
 */
export function parseAllowList(text: string | undefined): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim();
    if (!item) continue;
    let address = item;
    let port: string | null = null;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
    if (bracketed) [address, port] = [bracketed[1]!, bracketed[2] ?? null];
    else if (item.split(':').length === 2) [address, port] = item.split(':') as [string, string];
    if (!isIpLiteral(address)) throw new Error(`OUTBOUND_ALLOW_HOSTS: "${item}" is not an IP address (with an optional :port)`);
    const n = port === null ? null : Number(port);
    if (n !== null && !(Number.isInteger(n) && n >= 1 && n <= 65535)) throw new Error(`OUTBOUND_ALLOW_HOSTS: "${item}" has an invalid port`);
    entries.push({ address: canonical(address), port: n });
  }
  return entries;
}

export function allowListed(entries: readonly AllowEntry[], address: string, port: number): boolean {
  if (!entries.length) return false;
  let key: string;
  try {
    key = canonical(address);
  } catch {
    return false;
  }
  return entries.some((e) => e.address === key && (e.port === null || e.port === port));
}

/**
 * What can be said about a URL without resolving it (for save-time checks): a private name or a
 * non-public IP literal is refused; a name that resolves somewhere private is caught at call time.
 */
export function urlTargetProblem(url: string, allow: readonly AllowEntry[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'Not a valid URL';
  }
  const host = normalizeHost(u.hostname);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  if (isIpLiteral(host)) return allowListed(allow, host, port) || classifyAddress(host).ok ? null : NOT_PUBLIC;
  return hostNameProblem(host) ? NOT_PUBLIC : null;
}
