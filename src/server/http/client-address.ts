import ipaddr from 'ipaddr.js';
import { config } from '../config';

/**
 * The caller's address for per-client limits. X-Forwarded-For is trusted only as far as our own
 * proxies write it: the entry `trustedHops` from the end is the one the platform appended (a
 * client can put anything before it). Without a proxy, Next itself sets the header to the
 * socket's address. Anything unusable counts as "unknown", which shares one limit.
 */
export function clientAddress(req: Request, trustedHops = config().trustedProxyHops): string {
  if (trustedHops < 1) return 'unknown';
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const candidate = hops[hops.length - trustedHops];
  if (!candidate || !ipaddr.isValid(candidate)) return 'unknown';
  const parsed = ipaddr.parse(candidate);
  // ::ffff:203.0.113.7 and 203.0.113.7 are one client.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address().toString() : parsed.toString();
}
