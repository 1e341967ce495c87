import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger(stream, 'info'), lines };
}

describe('logger', () => {
  it('never writes secrets, full emails or full phone numbers', () => {
    const { log, lines } = capture();
    log.child({ requestId: 'req-1', orgId: 'org-1' }).info(
      {
        customer: { email: 'jane.doe@example.com', phone: '+13135550123', firstName: 'Jane' },
        headers: { authorization: 'Bearer abc.def', cookie: '__session=xyz', 'x-shopify-hmac-sha256': 'c2lnbmF0dXJl' },
        password: 'hunter2',
        deep: { nested: { secret: 'whsec_abc' } },
      },
      'customer updated',
    );
    const out = lines.join('');
    expect(out).toContain('"requestId":"req-1"');
    expect(out).toContain('"orgId":"org-1"');
    expect(out).toContain('j***@example.com');
    expect(out).toContain('***0123');
    for (const leaked of ['jane.doe@example.com', '+13135550123', 'abc.def', '__session=xyz', 'c2lnbmF0dXJl', 'hunter2', 'whsec_abc']) {
      expect(out).not.toContain(leaked);
    }
  });
});
