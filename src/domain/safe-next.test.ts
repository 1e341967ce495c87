import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, safeNextPath } from './safe-next';

const APP = 'https://app.bakedbot.example';

describe('safeNextPath', () => {
  it.each([
    ['/dashboard/customers?q=ada#top', '/dashboard/customers?q=ada#top'],
    ['/dashboard/customers/cus_1', '/dashboard/customers/cus_1'],
    ['/dashboard/../dashboard/tasks', '/dashboard/tasks'],
    [`${APP}/dashboard/outbox`, '/dashboard/outbox'],
    // Encoded once more than a browser decodes: stays an odd path on our own origin.
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/%09/evil.example', '/%09/evil.example'],
  ])('keeps the same-origin path %j', (next, expected) => {
    expect(safeNextPath(next, APP)).toBe(expected);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['protocol-relative', '//evil.example/dashboard'],
    ['backslash host', '/\\evil.example'],
    ['backslash after the scheme-relative slashes', '\\\\evil.example'],
    ['slash backslash', '/\\/evil.example'],
    ['a tab that browsers strip', '/\t/evil.example'],
    ['a newline that browsers strip', '/\n/evil.example'],
    ['a carriage return', '/\r//evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['another host', 'https://evil.example/dashboard'],
    ['another port', 'https://app.bakedbot.example:8443/dashboard'],
    ['another scheme', 'http://app.bakedbot.example/dashboard'],
    ['userinfo trick', 'https://app.bakedbot.example@evil.example/'],
    ['a double slash path on our origin', `${APP}//evil.example`],
    ['a relative path', 'dashboard'],
    ['very long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, next) => {
    expect(safeNextPath(next, APP)).toBe(DEFAULT_NEXT);
  });

  it('refuses everything when the app origin itself is not a URL', () => {
    expect(safeNextPath('/dashboard/tasks', 'not a url')).toBe(DEFAULT_NEXT);
  });
});
