import { tenantDb } from '@/server/db/tenant-db';
import { getMessagingSettings, updateMessagingSettings } from '@/server/services/messaging/messaging-settings';
import { rotateMessagingWebhook } from '@/server/services/messaging/messaging-webhooks';
import { sendMessage } from '@/server/services/messaging/send-message';
import { createTemplate } from '@/server/services/messaging/manage-templates';
import type { TestTenant } from './tenant';

const made = new Map<string, Promise<{ sendId: string; templateId: string; webhook: Awaited<ReturnType<typeof rotateMessagingWebhook>> }>>();

/**
 * Tenant A's messaging data for the cross-tenant checks: a send to its customer, a custom
 * template whose key matches a Craig brief, settings with a recognisable brand voice, a webhook.
 */
export function messagingFixture(a: TestTenant, customerId: string) {
  if (!made.has(a.orgId)) {
    made.set(
      a.orgId,
      (async () => {
        const ctx = a.ctx('owner');
        const templateId = 'win_back_a_secret';
        if (!(await tenantDb(a.orgId).templates.get(templateId))) {
          await createTemplate(ctx, { key: templateId, name: 'A secret win-back', channel: 'sms', kind: 'marketing', body: 'A only' });
        }
        const { id: _i, updatedAt: _u, updatedBy: _b, ...body } = await getMessagingSettings(ctx);
        await updateMessagingSettings(ctx, { ...body, brandVoice: 'tenancy-secret-voice' });
        const send = await sendMessage(ctx, {
          customerId,
          channel: 'email',
          kind: 'transactional',
          content: { subject: 'Hi', body: '<p>Hi</p>' },
          variables: {},
          idempotencyKey: 'tenancy-fixture-send',
          source: { type: 'manual', actorUid: a.users.owner.uid },
        });
        const webhook = await rotateMessagingWebhook(ctx, 'mailjet');
        return { sendId: send.id, templateId, webhook };
      })(),
    );
  }
  return made.get(a.orgId)!;
}
