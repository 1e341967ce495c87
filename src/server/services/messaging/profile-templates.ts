import type { Channel, MessageKind } from '@/domain/messaging/channel';
import { sendability } from '@/domain/messaging/template-needs';
import { baseContext } from '@/domain/messaging/template-variables';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { listTemplates } from './manage-templates';
import { getMessagingSettings } from './messaging-settings';
import { resolveMessageZone } from './message-zone';

/** A template as the profile's "Send message" form offers it. */
export interface ProfileTemplateOption {
  id: string;
  name: string;
  channel: Channel;
  kind: MessageKind;
  /** It can be filled with what the profile has (the customer, their points, the dispensary). */
  sendable: boolean;
  /** Why not, in words: "Needs a cart: sent by the abandoned-cart playbook." */
  reason: string | null;
}

/**
 * The templates staff may send from a customer's profile, each marked sendable or not. Decided by
 * rendering each template against this customer's own variables, as the send would: a profile gives
 * no cart, order or offer, so a template that cannot do without one is offered disabled, with what
 * it needs. The send itself still refuses such a template (422), whoever calls it.
 */
export async function listProfileTemplates(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, customerId: string): Promise<ProfileTemplateOption[]> {
  const db = tenantDb(ctx.orgId);
  const [customer, tenant, settings, templates] = await Promise.all([
    db.customers.getOrThrow(customerId),
    tenantsCollection().getOrThrow(ctx.orgId),
    getMessagingSettings(ctx),
    listTemplates(ctx),
  ]);
  const zone = await resolveMessageZone(ctx.orgId, customer, tenant);
  const context = baseContext({ customer, settings, unsubscribeUrl: 'https://unsubscribe.invalid/', now: ctx.clock.now(), timeZone: zone.timeZone });
  return templates.map((t) => {
    const s = sendability(t, context);
    return { id: t.id, name: t.name, channel: t.channel, kind: t.kind, sendable: s.sendable, reason: s.sendable ? null : s.reason };
  });
}
