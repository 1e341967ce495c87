import { describe, expect, it } from 'vitest';
import { outboundSecretStatus, readOutboundWebhookSecret, rotateOutboundWebhookSecretValue, signingSecretsAt } from './outbound-webhook';

const A = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const B = 'whsec_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const now = new Date('2031-03-01T12:00:00Z');

describe('outbound webhook secret', () => {
  it('reads the bare secret stored before rotation existed', () => {
    expect(readOutboundWebhookSecret(A)).toEqual({ current: A, previous: null, previousValidUntil: null, rotatedAt: null });
    expect(readOutboundWebhookSecret(null)).toBeNull();
    expect(readOutboundWebhookSecret('{"current":"nope"}')).toBeNull();
    expect(readOutboundWebhookSecret('garbage')).toBeNull();
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', () => {
    const rotated = rotateOutboundWebhookSecretValue(readOutboundWebhookSecret(A), B, now);
    expect(rotated).toEqual({ current: B, previous: A, previousValidUntil: '2031-03-02T12:00:00.000Z', rotatedAt: '2031-03-01T12:00:00.000Z' });
    expect(signingSecretsAt(rotated, new Date('2031-03-02T11:59:59Z'))).toEqual([B, A]);
    expect(signingSecretsAt(rotated, new Date('2031-03-02T12:00:00Z'))).toEqual([B]);
    expect(outboundSecretStatus(rotated, now)).toEqual({ configured: true, rotatedAt: rotated.rotatedAt, previousValidUntil: rotated.previousValidUntil });
    expect(outboundSecretStatus(rotated, new Date('2031-03-03T00:00:00Z')).previousValidUntil).toBeNull();
  });

  it('a first rotation with nothing stored has no previous secret', () => {
    const first = rotateOutboundWebhookSecretValue(null, B, now);
    expect(signingSecretsAt(first, now)).toEqual([B]);
    expect(outboundSecretStatus(null, now)).toEqual({ configured: false, rotatedAt: null, previousValidUntil: null });
  });
});
