import { randomBytes } from 'node:crypto';
import {
  outboundSecretStatus,
  readOutboundWebhookSecret,
  rotateOutboundWebhookSecretValue,
  signingSecretsAt,
  type OutboundWebhookSecret,
  type OutboundWebhookSecretStatus,
} from '@/domain/playbooks/outbound-webhook';
import type { ServiceContext } from '../../context';
import { secretName, secretStore } from '../../secrets';

const nameFor = (orgId: string) => secretName('tenant', orgId, 'playbook-webhooks');
const generate = () => `whsec_${randomBytes(24).toString('base64')}`;

async function stored(orgId: string): Promise<OutboundWebhookSecret | null> {
  return readOutboundWebhookSecret(await secretStore().get(nameFor(orgId)));
}

/** The stored secret, made on first use (the first send, or an owner revealing it before one). */
async function storedOrCreated(orgId: string): Promise<OutboundWebhookSecret> {
  const existing = await stored(orgId);
  if (existing) return existing;
  const fresh: OutboundWebhookSecret = { current: generate(), previous: null, previousValidUntil: null, rotatedAt: null };
  await secretStore().put(nameFor(orgId), JSON.stringify(fresh));
  // Two first uses at once both read back whichever value landed last, so they sign alike from then on.
  return (await stored(orgId)) ?? fresh;
}

/** The secrets that sign a delivery at `now`: the current one, plus the previous one for 24 hours after a rotation. */
export async function outboundSigningSecrets(orgId: string, now: Date): Promise<string[]> {
  return signingSecretsAt(await storedOrCreated(orgId), now);
}

/** Whether a secret exists, when it was rotated and until when the previous one signs; never the secret. */
export async function getOutboundWebhookStatus(ctx: ServiceContext): Promise<OutboundWebhookSecretStatus> {
  return outboundSecretStatus(await stored(ctx.orgId), ctx.clock.now());
}

export interface RevealedOutboundSecret {
  secret: string;
  status: OutboundWebhookSecretStatus;
}

/** The current secret, for an owner to give to a receiver. */
export async function revealOutboundWebhookSecret(ctx: ServiceContext): Promise<RevealedOutboundSecret> {
  const secret = await storedOrCreated(ctx.orgId);
  ctx.log?.info({ event: 'playbook_webhooks.secret_revealed' }, 'outbound webhook secret revealed');
  return { secret: secret.current, status: outboundSecretStatus(secret, ctx.clock.now()) };
}

/** A new secret, shown once; deliveries carry signatures from both for 24 hours. */
export async function rotateOutboundWebhookSecret(ctx: ServiceContext): Promise<RevealedOutboundSecret> {
  const now = ctx.clock.now();
  const next = rotateOutboundWebhookSecretValue(await stored(ctx.orgId), generate(), now);
  await secretStore().put(nameFor(ctx.orgId), JSON.stringify(next));
  ctx.log?.info({ event: 'playbook_webhooks.secret_rotated' }, 'outbound webhook secret rotated');
  return { secret: next.current, status: outboundSecretStatus(next, now) };
}
