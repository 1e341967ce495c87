import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowListed, classifyAddress, hostNameProblem, normalizeHost, NOT_PUBLIC, parseAllowList, urlTargetProblem } from './address-policy';

describe('classifyAddress', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.254', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['203.0.113.5', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'ipv4Mapped(loopback)'],
    ['::ffff:7f00:1', 'ipv4Mapped(loopback)'],
    ['::ffff:10.0.0.1', 'ipv4Mapped(private)'],
    ['::ffff:169.254.169.254', 'ipv4Mapped(linkLocal)'],
    ['::127.0.0.1', 'ipv4Compatible'],
    ['::8.8.8.8', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052(loopback)'],
    ['64:ff9b::a00:1', 'rfc6052(private)'],
    ['64:ff9b:1::a00:1', 'rfc6052(localUse)'],
    ['2002:7f00:1::', '6to4(loopback)'],
    ['2002:a00:1::1', '6to4(private)'],
    ['2002:a9fe:a9fe::', '6to4(linkLocal)'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['4000::1', 'unallocated'],
    ['not-an-address', 'unparseable'],
  ])('refuses %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ ok: false, address, range });
  });

  it.each([
    ['93.184.216.34', 4],
    ['8.8.8.8', 4],
    ['2606:4700:4700::1111', 6],
    ['::ffff:8.8.8.8', 6],
    ['64:ff9b::808:808', 6],
    ['2002:808:808::1', 6],
  ])('allows public %s', (address, family) => {
    expect(classifyAddress(address)).toEqual({ ok: true, address, family });
  });
});

describe('hostNameProblem', () => {
  it.each(['localhost', 'localhost.', 'LOCALHOST..', 'api.localhost', 'metadata.google.internal', 'printer.local', 'nas.home.arpa', 'metadata', 'intranet'])(
    'refuses %s before any lookup',
    (host) => expect(hostNameProblem(host)).not.toBeNull(),
  );

  it.each(['hooks.example.com', 'example.com.', '127.0.0.1', '[::1]', '8.8.8.8'])('leaves %s to the address check', (host) => {
    expect(hostNameProblem(host)).toBeNull();
  });

  it('normalises brackets, case and trailing dots', () => {
    expect(normalizeHost('[::FFFF:7F00:1]')).toBe('::ffff:7f00:1');
    expect(normalizeHost('Example.COM..')).toBe('example.com');
  });
});

describe('OUTBOUND_ALLOW_HOSTS', () => {
  it('parses addresses with and without ports', () => {
    const list = parseAllowList(' 127.0.0.1:8080, [::1]:9000 ,10.0.0.5');
    expect(allowListed(list, '127.0.0.1', 8080)).toBe(true);
    expect(allowListed(list, '127.0.0.1', 8081)).toBe(false);
    expect(allowListed(list, '::ffff:127.0.0.1', 8080)).toBe(true);
    expect(allowListed(list, '0:0:0:0:0:0:0:1', 9000)).toBe(true);
    expect(allowListed(list, '10.0.0.5', 1)).toBe(true);
    expect(allowListed(list, '10.0.0.6', 1)).toBe(false);
    expect(allowListed([], '127.0.0.1', 8080)).toBe(false);
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it('refuses names and bad ports', () => {
    expect(() => parseAllowList('localhost:3000')).toThrow(/not an IP address/);
    expect(() => parseAllowList('127.0.0.1:0')).toThrow(/invalid port/);
    expect(() => parseAllowList('127.0.0.1:http')).toThrow(/invalid port/);
  });
});

describe('every wrapping of a non-public IPv4 address is refused (property)', () => {
  const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
  const blocks: Array<[string, (r: () => number) => number[]]> = [
    ['10/8', (r) => [10, r(), r(), r()]],
    ['127/8', (r) => [127, r(), r(), r()]],
    ['169.254/16', (r) => [169, 254, r(), r()]],
    ['100.64/10', (r) => [100, 64 + (r() & 63), r(), r()]],
    ['198.18/15', (r) => [198, 18 + (r() & 1), r(), r()]],
    ['192.168/16', (r) => [192, 168, r(), r()]],
    ['0/8', (r) => [0, r(), r(), r()]],
  ];

  it.each(blocks)('%s', (_name, make) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (seed) => {
        let i = 0;
        const o = make(() => seed[i++ % 4]!);
        const dotted = o.join('.');
        const [h1, h2] = [hex(o[0]!, o[1]!), hex(o[2]!, o[3]!)];
        for (const form of [
          dotted,
          `::ffff:${dotted}`,
          `::ffff:${h1}:${h2}`,
          `::${dotted}`,
          `64:ff9b::${h1}:${h2}`,
          `64:ff9b::${dotted}`,
          `2002:${h1}:${h2}::1`,
        ])
          expect(classifyAddress(form).ok, form).toBe(false);
      }),
    );
  });
});

describe('urlTargetProblem (save-time, no lookup)', () => {
  it('refuses private literals and names, leaves public ones and names that need a lookup', () => {
    expect(urlTargetProblem('http://127.0.0.1:9/x', [])).toBe(NOT_PUBLIC);
    expect(urlTargetProblem('http://[::ffff:127.0.0.1]/', [])).toBe(NOT_PUBLIC);
    expect(urlTargetProblem('https://localhost./hook', [])).toBe(NOT_PUBLIC);
    expect(urlTargetProblem('https://metadata.google.internal/', [])).toBe(NOT_PUBLIC);
    expect(urlTargetProblem('https://hooks.example.com/x', [])).toBeNull();
    expect(urlTargetProblem('https://8.8.8.8/x', [])).toBeNull();
    expect(urlTargetProblem('http://127.0.0.1:9/x', parseAllowList('127.0.0.1:9'))).toBeNull();
    expect(urlTargetProblem('http://127.0.0.1:10/x', parseAllowList('127.0.0.1:9'))).toBe(NOT_PUBLIC);
  });
});
