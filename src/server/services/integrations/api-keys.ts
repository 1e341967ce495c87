import { createHash } from 'node:crypto';
import { CreateApiKeyInputSchema, type ApiKey } from '@/domain/integrations/api-key';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '@/domain/integrations/endpoint';
import type { z } from 'zod';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { routesCollection } from '../../db/platform-db';
import { tenantDb } from '../../db/tenant-db';
import { forgetApiKey } from '../ingest/api-key-registry';
import { randomToken } from './endpoint-view';

export type ApiKeyView = Omit<ApiKey, 'sha256'>;

const view = ({ sha256: _h, ...rest }: ApiKey): ApiKeyView => rest;

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a track-API key. The key is returned once; only its SHA-256 is stored. */
export async function createApiKey(ctx: ServiceContext, input: z.input<typeof CreateApiKeyInputSchema>): Promise<{ apiKey: ApiKeyView; key: string }> {
  const { name, scopes } = CreateApiKeyInputSchema.parse(input);
  const keyId = randomToken(16);
  const key = `bbk_${keyId}_${randomToken(40)}`;
  const now = ctx.clock.now();
  const apiKey: ApiKey = {
    id: keyId,
    name,
    prefix: key.slice(0, 12),
    sha256: sha256Hex(key),
    rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE * 5,
    createdBy: ctx.actor.uid,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
    scopes: [...new Set(scopes)],
  };
  const batch = firestore().batch();
  batch.create(tenantDb(ctx.orgId).apiKeys.doc(keyId), apiKey);
  batch.create(routesCollection().doc(keyId), { id: keyId, orgId: ctx.orgId, kind: 'api_key', source: 'track_api', createdAt: now });
  await batch.commit();
  ctx.log?.info({ event: 'api_key.created', keyId }, 'track API key created');
  return { apiKey: view(apiKey), key };
}

export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeyView[]> {
  const snap = await tenantDb(ctx.orgId).apiKeys.ref.orderBy('createdAt', 'asc').get();
  return snap.docs.map((d) => view(d.data()));
}

/** Revokes a key at once: its route goes, and the key record keeps the revocation time. */
export async function revokeApiKey(ctx: ServiceContext, keyId: string): Promise<ApiKeyView> {
  const keys = tenantDb(ctx.orgId).apiKeys;
  const key = await keys.getOrThrow(keyId);
  const route = await routesCollection().get(keyId);
  if (route?.orgId === ctx.orgId) await routesCollection().ref.doc(keyId).delete();
  const revokedAt = key.revokedAt ?? ctx.clock.now();
  await keys.update(keyId, { revokedAt });
  forgetApiKey(keyId);
  ctx.log?.info({ event: 'api_key.revoked', keyId }, 'track API key revoked');
  return view({ ...key, revokedAt });
}
