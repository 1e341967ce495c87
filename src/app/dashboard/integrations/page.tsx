import type { Metadata } from 'next';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { notificationAudiencesFor } from '@/domain/notification';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listApiKeys } from '@/server/services/integrations/api-keys';
import { deliveriesWithoutFeedCopy, listDeliveries } from '@/server/services/integrations/list-deliveries';
import { listEndpoints } from '@/server/services/integrations/manage-endpoint';
import { getSignalSettings } from '@/server/services/integrations/signal-settings';
import { liveNotificationsConfig } from '@/server/services/notifications/live-config';
import { ApiKeysManager } from '@/ui/features/integrations/api-keys-manager';
import { IntegrationsWorkspace } from '@/ui/features/integrations/integrations-workspace';
import { SignalSettingsForm } from '@/ui/features/integrations/signal-settings-form';
import { iso } from '@/ui/features/integrations/types';
import { LiveNotifications } from '@/ui/features/notifications/live-notifications';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('integrations:manage') });
  const [endpoints, deliveries, apiKeys, settings] = await Promise.all([
    listEndpoints(ctx),
    listDeliveries(ctx, { limit: 25 }),
    listApiKeys(ctx),
    getSignalSettings(ctx),
  ]);
  const withoutCopy = await deliveriesWithoutFeedCopy(
    ctx,
    deliveries.deliveries.map((d) => d.id),
  );
  const live = liveNotificationsConfig();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Your point-of-sale and online store send signed webhooks here. Every delivery is verified, stored, processed once and kept for you to inspect or replay."
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <IntegrationsWorkspace
          initialEndpoints={endpoints.map((e) => ({
            ...e,
            createdAt: iso(e.createdAt)!,
            lastRejectedAt: iso(e.lastRejectedAt),
            secretRotatedAt: iso(e.secretRotatedAt),
            previousSecretValidUntil: iso(e.previousSecretValidUntil),
          }))}
          initialDeliveries={deliveries.deliveries.map((d) => ({ ...deliveryFeedEntry(d), receivedAt: iso(d.receivedAt)! }))}
          withoutCopy={withoutCopy}
          live={live}
          orgId={ctx.orgId}
        />
        <div className="space-y-6">
          <LiveNotifications config={live} orgId={ctx.orgId} audiences={notificationAudiencesFor(ctx.actor.role)} />
          <SignalSettingsForm delayMinutes={settings.abandonedCheckoutDelayMinutes} />
          <ApiKeysManager
            initial={apiKeys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: k.prefix,
              createdAt: iso(k.createdAt)!,
              lastUsedAt: iso(k.lastUsedAt),
              revokedAt: iso(k.revokedAt),
            }))}
          />
        </div>
      </div>
    </>
  );
}
