import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MessagingWebhook, MessagingWebhookProvider } from '@/domain/messaging/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { appBaseUrl } from './messaging-config';

const USERNAME = 'bakedbot';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface WebhookEndpointView {
  provider: MessagingWebhookProvider;
  endpointId: string;
  /** The address without credentials, safe to show any time. */
  url: string;
  createdAt: Date;
  rotatedAt: Date;
  lastUsedAt: Date | null;
}

function view(w: MessagingWebhook): WebhookEndpointView {
  return {
    provider: w.provider,
    endpointId: w.endpointId,
    url: `${appBaseUrl()}/api/webhooks/${w.provider}/${w.endpointId}`,
    createdAt: w.createdAt,
    rotatedAt: w.rotatedAt,
    lastUsedAt: w.lastUsedAt,
  };
}

export async function listMessagingWebhooks(ctx: Pick<ServiceContext, 'orgId'>): Promise<WebhookEndpointView[]> {
  const snap = await tenantDb(ctx.orgId).messagingWebhooks.ref.get();
  return snap.docs.map((d) => view(d.data())).sort((a, b) => a.provider.localeCompare(b.provider));
}

/**
 * Creates the provider's callback endpoint, or gives the existing one a new password. The full
 * URL with credentials (https://bakedbot:PASSWORD@host/api/webhooks/mailjet/ID, the form Mailjet
 * documents for basic auth) is returned once; only the password's SHA-256 is stored.
 */
export async function rotateMessagingWebhook(
  ctx: ServiceContext,
  provider: MessagingWebhookProvider,
): Promise<WebhookEndpointView & { urlWithCredentials: string; username: string; password: string }> {
  const db = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const password = randomBytes(24).toString('base64url');
  const existing = (await db.messagingWebhooks.ref.where('provider', '==', provider).limit(1).get()).docs[0]?.data();
  const endpointId = existing?.endpointId ?? `${provider === 'mailjet' ? 'mj' : 'bl'}_${randomBytes(12).toString('hex')}`;
  const record: MessagingWebhook = {
    id: endpointId,
    endpointId,
    provider,
    username: USERNAME,
    passwordSha256: sha256(password),
    disabled: false,
    createdAt: existing?.createdAt ?? now,
    rotatedAt: now,
    lastUsedAt: existing?.lastUsedAt ?? null,
    createdBy: ctx.actor.uid,
  };
  await db.messagingWebhooks.set(record);
  const v = view(record);
  const u = new URL(v.url);
  u.username = USERNAME;
  u.password = password;
  return { ...v, urlWithCredentials: u.toString(), username: USERNAME, password };
}

/**
 * Finds the tenant of a webhook call from its endpoint id and checks its basic-auth credentials.
 * Fails closed: an unknown or disabled endpoint, a missing or wrong password, another provider's
 * endpoint, all answer null (the route then says 401 without saying which).
 */
export async function authenticateMessagingWebhook(
  provider: MessagingWebhookProvider,
  endpointId: string,
  authorization: string | null,
): Promise<{ orgId: string; endpoint: MessagingWebhook } | null> {
  if (!/^[A-Za-z0-9_-]{4,80}$/.test(endpointId)) return null;
  const snap = await firestore().collectionGroup('messaging_webhooks').where('endpointId', '==', endpointId).limit(2).get();
  if (snap.size !== 1) return null;
  const doc = snap.docs[0]!;
  const orgId = doc.ref.parent.parent!.id;
  const endpoint = await tenantDb(orgId).messagingWebhooks.get(doc.id);
  if (!endpoint || endpoint.disabled || endpoint.provider !== provider) return null;
  const creds = parseBasicAuth(authorization);
  if (!creds) return null;
  const userOk = safeEqual(sha256(creds.username), sha256(endpoint.username));
  const passOk = safeEqual(sha256(creds.password), endpoint.passwordSha256);
  return userOk && passOk ? { orgId, endpoint } : null;
}

const lastUsedWrite = new Map<string, number>();
/** How often an instance records that a callback endpoint was used (docs/capacity.md). */
export const WEBHOOK_USE_WRITE_MS = 60_000;

/**
 * Records that a callback endpoint was used, at most once a minute per endpoint per instance (the
 * first at once): the settings page shows it to the minute, and a write per callback would make
 * the one endpoint document of a busy dispensary hot (two Mailjet events per email).
 */
export async function markWebhookUsed(orgId: string, endpointId: string, at: Date): Promise<void> {
  const key = `${orgId}/${endpointId}`;
  if (Date.now() - (lastUsedWrite.get(key) ?? -Infinity) < WEBHOOK_USE_WRITE_MS) return;
  if (lastUsedWrite.size > 10_000) lastUsedWrite.clear();
  lastUsedWrite.set(key, Date.now());
  await tenantDb(orgId).messagingWebhooks.update(endpointId, { lastUsedAt: at });
}

function parseBasicAuth(header: string | null): { username: string; password: string } | null {
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
