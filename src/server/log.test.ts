import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, lazyChild } from './log';

function capture(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger(stream, level), lines };
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

  describe('lazyChild', () => {
    it('writes every binding, nested ones merged, with the same redaction as a pino child', () => {
      const { log, lines } = capture();
      const request = lazyChild(log, { requestId: 'req-1', method: 'POST' });
      request.child({ orgId: 'org-1', email: 'jane.doe@example.com' }).child({ deliveryId: 'dlv-1' }).info({ phone: '+13135550123' }, 'processed');
      const line = JSON.parse(lines.join('')) as Record<string, unknown>;
      expect(line).toMatchObject({
        requestId: 'req-1',
        method: 'POST',
        orgId: 'org-1',
        deliveryId: 'dlv-1',
        email: 'j***@example.com',
        phone: '***0123',
        msg: 'processed',
      });
      expect(lines.join('')).not.toContain('jane.doe@example.com');
      expect(request.bindings()).toMatchObject({ requestId: 'req-1', method: 'POST' });
    });

    it('makes no pino child while it writes nothing, and one for a chain of children when it does', () => {
      const { log, lines } = capture('info');
      const child = vi.spyOn(log, 'child');
      const processing = lazyChild(lazyChild(log, { requestId: 'req-2' }).child({ orgId: 'org-2' }), { deliveryId: 'dlv-2' });
      processing.debug({ stages: {} }, 'delivery processed');
      expect(processing.isLevelEnabled('debug')).toBe(false);
      expect(processing.level).toBe('info');
      expect(child).not.toHaveBeenCalled();
      expect(lines).toHaveLength(0);

      processing.warn('slow');
      processing.error('failed');
      expect(child).toHaveBeenCalledTimes(1);
      expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ requestId: 'req-2', orgId: 'org-2', deliveryId: 'dlv-2', msg: 'slow' }),
        expect.objectContaining({ requestId: 'req-2', orgId: 'org-2', deliveryId: 'dlv-2', msg: 'failed' }),
      ]);
    });

    it('takes a level set on it, as a pino child does, without changing its parent', () => {
      const { log, lines } = capture('info');
      const quiet = lazyChild(log, { requestId: 'req-3' });
      quiet.level = 'error';
      quiet.warn('hidden');
      log.warn('shown');
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
      expect(log.level).toBe('info');
    });
  });
});
