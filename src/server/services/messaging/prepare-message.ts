import type { Customer } from '@/domain/customer';
import { AppError } from '@/domain/errors';
import { composeMessage, type ComposedMessage } from '@/domain/messaging/compose-message';
import type { MessageKind } from '@/domain/messaging/channel';
import type { ParsedSendMessageInput, SystemPurpose } from '@/domain/messaging/send';
import type { MessagingSettings } from '@/domain/messaging/settings';
import { renderLiquid, TemplateRenderError } from '@/domain/messaging/template-engine';
import { baseContext, mergeContext, sampleContext } from '@/domain/messaging/template-variables';
import { CALLER_GROUPS, groupsMentioned } from '@/domain/messaging/template-needs';
import { rendersMoney } from '@/domain/views/viewer';
import type { Tenant } from '@/domain/tenant';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { cachedTenant, getMessagingSettings } from './messaging-settings';
import { appBaseUrl } from './messaging-config';
import { resolveMessageZone, type MessageZone } from './message-zone';
import { newTrackToken, signUnsubscribeToken, unsubscribeUrls } from './message-tokens';

export interface PreparedMessage {
  customer: Customer;
  tenant: Tenant;
  settings: MessagingSettings;
  zone: MessageZone;
  /** Marketing when either the caller or the template says so: a template cannot be sent around the gate. */
  kind: MessageKind;
  templateId: string | null;
  message: ComposedMessage;
  trackToken: string;
  /** Preview only: variable groups the message uses and the caller did not give, filled with sample values. */
  sampled: string[];
  /** The text shows an amount from its variables (an order total): budtenders do not see it. */
  revenueInText: boolean;
}

/**
 * Loads what a message needs and renders it exactly as the customer would get it. Sends are
 * strict (a variable the template uses but the caller did not give is an error); previews fill
 * the gaps with sample values and say which.
 */
export async function prepareMessage(
  ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'renderBudget'>,
  input: ParsedSendMessageInput,
  opts: {
    sendId: string;
    purpose: 'message' | SystemPurpose;
    mode: 'send' | 'preview';
    /** Preview only: fill groups the caller did not give with sample values (labelled). Off, a preview is as strict as the send. */
    sampleMissing?: boolean;
    /** The customer's current profile, when the caller has just read it (the send transaction reads it again). */
    customer?: Customer;
  },
): Promise<PreparedMessage> {
  const db = tenantDb(ctx.orgId);
  const templateId = input.templateId ?? input.templateKey ?? null;
  const [customer, tenant, settings, template] = await Promise.all([
    opts.customer?.id === input.customerId ? opts.customer : db.customers.getOrThrow(input.customerId),
    cachedTenant(ctx.orgId),
    getMessagingSettings(ctx),
    templateId ? db.templates.getOrThrow(templateId) : Promise.resolve(null),
  ]);
  if (template && template.channel !== input.channel) {
    throw new AppError('validation_failed', `Template "${template.id}" is for ${template.channel}, not ${input.channel}.`, {
      issues: [{ path: 'templateId', message: `This is an ${template.channel} template` }],
    });
  }
  const kind: MessageKind = input.kind === 'marketing' || template?.kind === 'marketing' ? 'marketing' : 'transactional';
  const subjectSource = template ? template.subject : (input.content?.subject ?? null);
  const bodySource = template ? template.body : input.content!.body;
  if (input.channel === 'email' && !subjectSource)
    throw new AppError('validation_failed', 'An email needs a subject.', { issues: [{ path: 'content.subject', message: 'Required for email' }] });

  const zone = await resolveMessageZone(ctx.orgId, customer, tenant);
  const now = ctx.clock.now();
  const marketingEmail = kind === 'marketing' && input.channel === 'email' && opts.purpose === 'message';
  // A preview shows where the link goes without minting a token that would really unsubscribe.
  const unsubscribe = !marketingEmail
    ? null
    : opts.mode === 'preview'
      ? unsubscribeUrls('preview')
      : unsubscribeUrls(await signUnsubscribeToken({ orgId: ctx.orgId, customerId: customer.id, channel: 'email', sendId: opts.sendId }));
  const base = baseContext({ customer, settings, unsubscribeUrl: unsubscribe?.pageUrl ?? '', now, timeZone: zone.timeZone });
  const sampled: string[] = [];
  const context = mergeContext(base, input.variables);
  if (opts.mode === 'preview' && opts.sampleMissing !== false) {
    const sample = sampleContext();
    // Only the groups this text mentions: the label then names what the reader sees made up.
    for (const key of groupsMentioned({ subject: subjectSource, body: bodySource })) {
      if (!(key in context)) {
        context[key] = sample[key];
        sampled.push(key);
      }
    }
  }

  let subject: string | null = null;
  let body: string;
  try {
    subject =
      input.channel === 'email' && subjectSource ? renderLiquid(subjectSource, context, 'text', 'subject', ctx.renderBudget).replace(/\s+/g, ' ').trim() : null;
    body = renderLiquid(bodySource, context, input.channel === 'email' ? 'html' : 'text', 'body', ctx.renderBudget);
  } catch (err) {
    if (err instanceof TemplateRenderError) {
      const root = err.variable?.split('.')[0] ?? '';
      const hint = root ? ` Pass it in variables (for example variables.${root}).` : '';
      // A template that needs what only a playbook gives (a cart) says so first, in words.
      const group = template && Object.hasOwn(CALLER_GROUPS, root) ? CALLER_GROUPS[root as keyof typeof CALLER_GROUPS] : null;
      const lead = group ? `“${template!.name}” needs ${group.noun}, which this send does not give (it is sent by ${group.sentBy}). ` : '';
      throw new AppError('validation_failed', `${lead}${err.message}${hint}`, { issues: [{ path: `content.${err.field}`, message: err.message }] });
    }
    throw err;
  }
  const bodyMode = input.channel === 'email' ? 'html' : 'text';
  const revenueInText = rendersMoney(
    (data) =>
      `${subject !== null && subjectSource ? renderLiquid(subjectSource, data, 'text', 'subject') : ''}\n${renderLiquid(bodySource, data, bodyMode, 'body')}`,
    context,
  );
  const trackToken = newTrackToken();
  const message = composeMessage({
    channel: input.channel,
    kind,
    purpose: opts.purpose,
    subject,
    body,
    settings,
    tracking: { baseUrl: appBaseUrl(), trackToken },
    unsubscribe,
  });
  return { customer, tenant, settings, zone, kind, templateId: template?.id ?? null, message, trackToken, sampled, revenueInText };
}
