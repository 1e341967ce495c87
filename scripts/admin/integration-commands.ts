import { ProviderSchema } from '@/domain/integrations/endpoint';
import { DeliveryStatusSchema } from '@/domain/integrations/delivery';
import { systemActor } from '@/domain/roles';
import { tenantsCollection } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { retryDueDeliveries } from '@/server/services/ingest/retry-deliveries';
import { createApiKey } from '@/server/services/integrations/api-keys';
import { createEndpoint } from '@/server/services/integrations/create-endpoint';
import { endpointUrl } from '@/server/services/integrations/endpoint-view';
import { listDeliveries } from '@/server/services/integrations/list-deliveries';
import { listEndpoints, rotateEndpointSecret } from '@/server/services/integrations/manage-endpoint';
import { replayDelivery } from '@/server/services/integrations/replay-delivery';
import { need, optional, UsageError, type CommandContext, type CommandGroup } from './registry';

async function tenantCtx(o: Record<string, string | boolean | undefined>, ctx: CommandContext) {
  const orgId = need(o, 'tenant');
  await tenantsCollection().getOrThrow(orgId);
  return { orgId, actor: systemActor('admin-cli'), clock: ctx.clock, log: logger() };
}

const TENANT = { tenant: { description: 'Dispensary id', required: true } };

export const endpointCommands: CommandGroup = {
  name: 'endpoint',
  summary: 'webhook endpoints',
  commands: [
    {
      name: 'create',
      summary: 'Create a webhook endpoint; prints { id, url, secret } (the secret only here).',
      options: {
        ...TENANT,
        provider: { description: 'alleaves | shopify | woocommerce | standard', required: true },
        name: { description: 'Display name' },
        secret: { description: 'Use this signing secret (Shopify shows you its own)' },
      },
      async run(o, ctx) {
        const provider = ProviderSchema.safeParse(need(o, 'provider'));
        if (!provider.success) throw new UsageError('--provider must be alleaves, shopify, woocommerce or standard.');
        const { endpoint, secret } = await createEndpoint(await tenantCtx(o, ctx), {
          provider: provider.data,
          name: optional(o, 'name'),
          secret: optional(o, 'secret'),
        });
        return { id: endpoint.id, url: endpointUrl(endpoint.provider, endpoint.id, ctx.baseUrl), secret };
      },
    },
    {
      name: 'list',
      summary: 'List endpoints with their URLs.',
      options: TENANT,
      async run(o, ctx) {
        return (await listEndpoints(await tenantCtx(o, ctx))).map((e) => ({
          id: e.id,
          provider: e.provider,
          name: e.name,
          url: endpointUrl(e.provider, e.id, ctx.baseUrl),
          rejectedCount: e.rejectedCount,
        }));
      },
    },
    {
      name: 'rotate',
      summary: 'Issue a new secret; the previous one keeps working for 24 hours.',
      options: { ...TENANT, id: { description: 'Endpoint id', required: true } },
      async run(o, ctx) {
        const r = await rotateEndpointSecret(await tenantCtx(o, ctx), need(o, 'id'));
        return { id: r.endpoint.id, secret: r.secret, previousValidUntil: r.previousValidUntil };
      },
    },
  ],
};

export const apiKeyCommands: CommandGroup = {
  name: 'apikey',
  summary: 'track-API keys',
  commands: [
    {
      name: 'create',
      summary: "Create an API key (a track key by default, or the POS's coupons key); prints it once.",
      options: {
        ...TENANT,
        name: { description: 'Key name (default Storefront)' },
        scope: { description: 'track (default) or coupons (the POS marking loyalty coupons used)' },
      },
      async run(o, ctx) {
        const scope = optional(o, 'scope') ?? 'track';
        if (scope !== 'track' && scope !== 'coupons') throw new UsageError('--scope must be track or coupons.');
        const { apiKey, key } = await createApiKey(await tenantCtx(o, ctx), { name: optional(o, 'name'), scopes: [scope] });
        return { id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, key };
      },
    },
  ],
};

export const deliveryCommands: CommandGroup = {
  name: 'deliveries',
  summary: 'received webhook deliveries',
  commands: [
    {
      name: 'list',
      summary: 'Recent deliveries, newest first.',
      options: {
        ...TENANT,
        status: { description: 'received | processing | processed | failed | dead_letter | ignored' },
        endpoint: { description: 'Endpoint id' },
        limit: { description: 'How many (default 25, max 100)' },
      },
      async run(o, ctx) {
        const status = optional(o, 'status');
        if (status && !DeliveryStatusSchema.safeParse(status).success)
          throw new UsageError(`--status must be one of ${DeliveryStatusSchema.options.join(', ')}.`);
        const page = await listDeliveries(await tenantCtx(o, ctx), {
          status: status as never,
          endpointId: optional(o, 'endpoint'),
          limit: Number(optional(o, 'limit') ?? 25),
        });
        return page.deliveries.map((d) => ({
          id: d.id,
          receivedAt: d.receivedAt,
          source: d.source,
          topic: d.topic,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          events: d.eventIds.length,
        }));
      },
    },
    {
      name: 'retry',
      summary: "Run the retry function now for this dispensary's due deliveries.",
      options: TENANT,
      async run(o, ctx) {
        const t = await tenantCtx(o, ctx);
        return retryDueDeliveries({ clock: ctx.clock, log: t.log, deadline: Date.now() + 60_000, orgId: t.orgId });
      },
    },
    {
      name: 'replay',
      summary: 'Process a stored delivery again (idempotent) and wait for the outcome.',
      options: { ...TENANT, id: { description: 'Delivery id', required: true } },
      async run(o, ctx) {
        const t = await tenantCtx(o, ctx);
        await (await replayDelivery(t, need(o, 'id'))).followUp.run();
        const page = await listDeliveries(t, { limit: 100 });
        const d = page.deliveries.find((x) => x.id === need(o, 'id'));
        return { id: need(o, 'id'), status: d?.status ?? 'unknown', attempts: d?.attempts, lastError: d?.lastError ?? null };
      },
    },
  ],
};
