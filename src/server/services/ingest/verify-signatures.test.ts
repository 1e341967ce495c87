import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
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

describe('the Standard Webhooks published vector', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const headers = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
  const at = new Date(1614265330 * 1000);

  it('verifies at the signing time and agrees with the reference library', () => {
    expect(verifyStandardSignature(bytes('{"test": 2432232314}'), headers, [secret], at)).toEqual({ ok: true });
    expect(new Webhook(secret).sign(headers.id, at, '{"test": 2432232314}')).toBe(headers.signature);
  });

  it('accepts the matching entry among several space-separated signatures', () => {
    const multi = { ...headers, signature: `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc ${headers.signature}` };
    expect(verifyStandardSignature(bytes('{"test": 2432232314}'), multi, [secret], at).ok).toBe(true);
  });

  it('refuses outside the five-minute tolerance, a changed body, or a missing header', () => {
    expect(verifyStandardSignature(bytes('{"test": 2432232314}'), headers, [secret], new Date(at.getTime() + 301_000)).ok).toBe(false);
    expect(verifyStandardSignature(bytes('{"test": 2432232314}'), headers, [secret], new Date(at.getTime() - 301_000)).ok).toBe(false);
    expect(verifyStandardSignature(bytes('{"test": 2432232315}'), headers, [secret], at).ok).toBe(false);
    expect(verifyStandardSignature(bytes('{"test": 2432232314}'), { ...headers, id: null }, [secret], at).ok).toBe(false);
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
      verifyStandardSignature(bytes('{"a":1}'), { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! }, [secret], now)
        .ok,
    ).toBe(true);
  });
});
