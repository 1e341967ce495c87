import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getMessagingSettings } from '@/server/services/messaging/messaging-settings';
import { listMessagingWebhooks } from '@/server/services/messaging/messaging-webhooks';
import { providerStatus } from '@/server/services/messaging/resolve-providers';
import { MessagingSettingsForm } from '@/ui/features/messaging/messaging-settings-form';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Messaging settings' };

export default async function MessagingSettingsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('settings:manage') });
  const [settings, webhooks, providers] = await Promise.all([getMessagingSettings(ctx), listMessagingWebhooks(ctx), providerStatus(ctx.orgId)]);
  const { id: _i, updatedAt: _u, updatedBy: _b, ...body } = settings;
  return (
    <>
      <PageHeader title="Messaging" description="Quiet hours, frequency caps, age rules, who messages come from, and where providers report back." />
      <MessagingSettingsForm initial={body} webhooks={webhooks} providers={providers} />
    </>
  );
}
