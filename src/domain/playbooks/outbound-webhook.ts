import { z } from 'zod';
import { ROTATION_GRACE_MS } from '../integrations/endpoint';

/**
 * A dispensary's signing secret for outbound playbook webhooks, as the secret store holds it.
 * After a rotation the previous secret still signs for ROTATION_GRACE_MS (24 hours), so a
 * receiver can switch over without refusing a delivery: Standard Webhooks receivers accept a
 * `webhook-signature` with several space-separated `v1,…` entries if any one verifies.
 */
export const OutboundWebhookSecretSchema = z.object({
  current: z.string().startsWith('whsec_'),
  previous: z.string().startsWith('whsec_').nullable().default(null),
  previousValidUntil: z.iso.datetime().nullable().default(null),
  rotatedAt: z.iso.datetime().nullable().default(null),
});
export type OutboundWebhookSecret = z.infer<typeof OutboundWebhookSecretSchema>;

/** Reads the stored value: JSON since rotation exists, a bare `whsec_…` string before it. Anything else is null. */
export function readOutboundWebhookSecret(raw: string | null): OutboundWebhookSecret | null {
  if (!raw) return null;
  if (raw.startsWith('whsec_')) return { current: raw, previous: null, previousValidUntil: null, rotatedAt: null };
  try {
    const parsed = OutboundWebhookSecretSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The secrets that sign at `now`: the current one, and the previous one during its grace period. */
export function signingSecretsAt(secret: OutboundWebhookSecret, now: Date): string[] {
  const previousLive = secret.previous && secret.previousValidUntil && now < new Date(secret.previousValidUntil);
  return previousLive ? [secret.current, secret.previous!] : [secret.current];
}

/** The value after a rotation to `fresh` at `now`; with nothing stored there is no previous secret. */
export function rotateOutboundWebhookSecretValue(old: OutboundWebhookSecret | null, fresh: string, now: Date): OutboundWebhookSecret {
  return {
    current: fresh,
    previous: old?.current ?? null,
    previousValidUntil: old ? new Date(now.getTime() + ROTATION_GRACE_MS).toISOString() : null,
    rotatedAt: now.toISOString(),
  };
}

/** What the dashboard shows without the secret itself. */
export interface OutboundWebhookSecretStatus {
  configured: boolean;
  rotatedAt: string | null;
  /** Set while the previous secret still signs. */
  previousValidUntil: string | null;
}

export function outboundSecretStatus(secret: OutboundWebhookSecret | null, now: Date): OutboundWebhookSecretStatus {
  if (!secret) return { configured: false, rotatedAt: null, previousValidUntil: null };
  const live = signingSecretsAt(secret, now).length > 1;
  return { configured: true, rotatedAt: secret.rotatedAt, previousValidUntil: live ? secret.previousValidUntil : null };
}
