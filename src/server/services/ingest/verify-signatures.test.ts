import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signDelivery } from './sign-delivery';
import { timestampWithinTolerance, verifyBase64BodySignature, verifyHexBodySignature, verifyStandardSignature } from './verify-signatures';

const bytes = (s: string) => new TextEncoder().encode(s);

describe("Shopify's published vector", () => {
  it('accepts B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g= for {"foo": "bar"} with test_secret_key', () => {
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['test_secret_key'])).toBe(true);
  });

  it('refuses the same signature for a body that differs by one byte, another secret, or nothing at all', () => {
    expect(verifyBase64BodySignature(bytes('{"foo":"bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['test_secret_key'])).toBe(false);
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['other_secret'])).toBe(false);
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), null, ['test_secret_key'])).toBe(false);
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), 'not base64!', ['test_secret_key'])).toBe(false);
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', [])).toBe(false);
  });

  it('accepts either secret during a rotation', () => {
    expect(verifyBase64BodySignature(bytes('{"foo": "bar"}'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', ['new_secret_abcdef', 'test_secret_key'])).toBe(
      true,
    );
  });
});

// The vector published with the Standard Webhooks reference libraries (and Svix's): secret, id,
// timestamp, body and the signature they produce.
describe('the Standard Webhooks published vector', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const headers = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
  const body = bytes('{"test": 2432232314}');
  const at = new Date(1614265330 * 1000);
  // The library measures its five-minute window against the system time.
  const atTime = (d: Date) => vi.setSystemTime(d);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    atTime(at);
  });
  afterEach(() => vi.useRealTimers());

  it('verifies at the signing time, and the library signs the same bytes to the same signature', () => {
    expect(verifyStandardSignature(body, headers, [secret])).toEqual({ ok: true });
    expect(new Webhook(secret).sign(headers.id, at, '{"test": 2432232314}')).toBe(headers.signature);
  });

  it('accepts the matching entry among several space-separated signatures', () => {
    const multi = { ...headers, signature: `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc ${headers.signature}` };
    expect(verifyStandardSignature(body, multi, [secret]).ok).toBe(true);
  });

  it('tries every valid secret: during a rotation either verifies; a malformed secret is skipped, not fatal', () => {
    const other = `whsec_${Buffer.from('another-key-0123456789abcdef').toString('base64')}`;
    expect(verifyStandardSignature(body, headers, [other, secret]).ok).toBe(true);
    expect(verifyStandardSignature(body, headers, ['not base64 at all!', secret]).ok).toBe(true);
    expect(verifyStandardSignature(body, headers, [other])).toEqual({ ok: false, reason: 'no v1 signature matches' });
    expect(verifyStandardSignature(body, headers, []).ok).toBe(false);
  });

  it('refuses outside the five-minute tolerance either way, with the reason', () => {
    atTime(new Date(at.getTime() + 301_000));
    expect(verifyStandardSignature(body, headers, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/webhook-timestamp/) });
    atTime(new Date(at.getTime() - 301_000));
    expect(verifyStandardSignature(body, headers, [secret]).ok).toBe(false);
    atTime(new Date(at.getTime() + 299_000));
    expect(verifyStandardSignature(body, headers, [secret]).ok).toBe(true);
  });

  it('refuses a changed body, a changed id (it is signed), a v2-only header, or a missing header', () => {
    expect(verifyStandardSignature(bytes('{"test": 2432232315}'), headers, [secret]).ok).toBe(false);
    expect(verifyStandardSignature(body, { ...headers, id: 'msg_p5jXN8AQM9LWM0D4loKWxJel' }, [secret]).ok).toBe(false);
    expect(verifyStandardSignature(body, { ...headers, signature: headers.signature.replace('v1,', 'v2,') }, [secret]).ok).toBe(false);
    expect(verifyStandardSignature(body, { ...headers, id: null }, [secret])).toEqual({ ok: false, reason: expect.stringMatching(/all required/) });
    expect(verifyStandardSignature(body, { ...headers, signature: null }, [secret]).ok).toBe(false);
  });
});

describe('Alleaves hex signatures', () => {
  const body = '{"id":"evt_1","event":"order.created"}';
  const hex = createHmac('sha256', 'alleaves-secret-123456').update(body).digest('hex');

  it('accepts the hex digest with or without "sha256=", in either case', () => {
    expect(verifyHexBodySignature(bytes(body), hex, ['alleaves-secret-123456'])).toBe(true);
    expect(verifyHexBodySignature(bytes(body), `sha256=${hex}`, ['alleaves-secret-123456'])).toBe(true);
    expect(verifyHexBodySignature(bytes(body), hex.toUpperCase(), ['alleaves-secret-123456'])).toBe(true);
    expect(verifyHexBodySignature(bytes(body), hex.slice(2), ['alleaves-secret-123456'])).toBe(false);
  });

  it('checks timestamps within five minutes either way', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const s = now.getTime() / 1000;
    expect(timestampWithinTolerance(String(s - 299), now)).toBe(true);
    expect(timestampWithinTolerance(String(s + 299), now)).toBe(true);
    expect(timestampWithinTolerance(String(s - 301), now)).toBe(false);
    expect(timestampWithinTolerance('yesterday', now)).toBe(false);
  });
});

describe('signDelivery produces what the verifiers accept', () => {
  const now = new Date();
  for (const provider of ['shopify', 'woocommerce', 'alleaves'] as const) {
    it(`${provider}`, () => {
      const h = signDelivery(provider, { secret: 'bbwh_secret_0123456789abcdef', body: '{"a":1}', topic: null, now, deliveryId: 'd1' });
      const sig = h['x-shopify-hmac-sha256'] ?? h['x-wc-webhook-signature'];
      if (sig) expect(verifyBase64BodySignature(bytes('{"a":1}'), sig, ['bbwh_secret_0123456789abcdef'])).toBe(true);
      else expect(verifyHexBodySignature(bytes('{"a":1}'), h['x-alleaves-signature']!, ['bbwh_secret_0123456789abcdef'])).toBe(true);
    });
  }
  it('standard', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const h = signDelivery('standard', { secret, body: '{"a":1}', topic: null, now, deliveryId: 'msg_1' });
    expect(
      verifyStandardSignature(bytes('{"a":1}'), { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! }, [secret]).ok,
    ).toBe(true);
  });
});
