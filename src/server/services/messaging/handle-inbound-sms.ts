import { createHash } from 'node:crypto';
import { DAY } from '@/domain/clock';
import type { InboundMessage } from '@/domain/messaging/records';
import { classifySmsReply } from '@/domain/messaging/sms-reply';
import { normalizePhone } from '@/domain/phone';
import { isAlreadyExists } from '../../db/typed-collection';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { getMessagingSettings } from './messaging-settings';
import { recordConsent } from './record-consent';
import { sendMessage } from './send-message';

export interface InboundSms {
  from: string;
  to: string | null;
  body: string;
  providerMessageId: string | null;
  receivedAt: Date;
}

export interface InboundResult {
  intent: InboundMessage['intent'];
  customers: number;
  handled: InboundMessage['handledAs'][];
  duplicate: boolean;
}

/** A customer gets at most one clarification text in this long, however many ambiguous replies they send. */
export const CLARIFICATION_INTERVAL_MS = DAY;

type ReplyPurpose = 'opt_out_confirmation' | 'opt_in_confirmation' | 'help_reply' | 'revocation_clarification';

/**
 * A text from a customer, classified by classifySmsReply. A revocation (STOP, "opt out", "stop
 * texting me"...) opts out with one confirmation; START, UNSTOP and YES opt back in; HELP answers
 * with the dispensary's name and contact; an ambiguous reply ("I want to cancel my order") gets
 * one clarification text that asks, without marketing, whether they want to stop; anything else
 * is kept on the customer's timeline. Every customer with that number is affected. A redelivered
 * message (same provider id) changes nothing.
 */
export async function handleInboundSms(ctx: ServiceContext, sms: InboundSms): Promise<InboundResult> {
  const db = tenantDb(ctx.orgId);
  const from = normalizePhone(sms.from) ?? sms.from.trim();
  const intent = classifySmsReply(sms.body);
  const key = createHash('sha256')
    .update(sms.providerMessageId ?? `${from}|${sms.receivedAt.toISOString()}|${sms.body}`)
    .digest('hex')
    .slice(0, 32);
  const customers = (await db.customers.ref.where('phone', '==', from).limit(20).get()).docs.map((d) => d.data());
  const now = ctx.clock.now();
  const base = {
    channel: 'sms' as const,
    from,
    to: sms.to,
    body: sms.body.slice(0, 2_000),
    intent,
    providerMessageId: sms.providerMessageId,
    receivedAt: sms.receivedAt,
    createdAt: now,
  };

  if (!customers.length) {
    const id = `in_${key}`;
    const created = await db.inboundMessages.create({ ...base, id, customerId: null, handledAs: 'unknown_sender', replySendIds: [] }).then(
      () => true,
      (err: unknown) => (isConflict(err) ? false : Promise.reject(err)),
    );
    return { intent, customers: 0, handled: ['unknown_sender'], duplicate: !created };
  }

  const settings = await getMessagingSettings(ctx);
  const { phone, email } = settings.contact;
  const replyVariables = {
    brand: settings.sender.smsBrandName,
    name: settings.footer.businessName,
    contact: phone || email ? `, ${[phone ? `call ${phone}` : null, email ? `email ${email}` : null].filter(Boolean).join(' or ')}` : '',
    question_line: phone ? ` Anything else? Call ${phone}.` : email ? ` Anything else? Email ${email}.` : '',
  };
  const clarifiedRecently = async (customerId: string) => {
    const earlier = await db.sends.ref.where('customerId', '==', customerId).where('purpose', '==', 'revocation_clarification').get();
    return earlier.docs.some((d) => d.data().createdAt.getTime() > now.getTime() - CLARIFICATION_INTERVAL_MS);
  };
  const handled: InboundMessage['handledAs'][] = [];
  let duplicate = false;
  for (const customer of customers) {
    const id = `in_${key}_${customer.id}`.slice(0, 128);
    if (await db.inboundMessages.get(id)) {
      duplicate = true;
      continue;
    }
    // Act first, record after: consent changes and replies are idempotent, so a redelivery after
    // a crash in between repeats the work safely instead of losing a STOP.
    let handledAs: InboundMessage['handledAs'] = 'stored';
    const replies: string[] = [];
    // Settings values travel as variables, never as template text: a brand name is not Liquid.
    const reply = async (purpose: ReplyPurpose, liquid: string, idempotencyKey = `inbound:${id}:${purpose}`) => {
      const send = await sendMessage(
        ctx,
        {
          customerId: customer.id,
          channel: 'sms',
          kind: 'transactional',
          content: { body: liquid },
          variables: { reply: replyVariables },
          idempotencyKey,
          source: { type: 'manual', actorUid: ctx.actor.uid },
        },
        { purpose },
      );
      replies.push(send.id);
      return send;
    };
    if (intent === 'stop') {
      handledAs = 'opted_out';
      const { changed } = await recordConsent(ctx, {
        customerId: customer.id,
        channel: 'sms',
        status: 'opted_out',
        source: 'sms_reply',
        note: `Replied "${sms.body.trim().slice(0, 40)}"`,
      });
      if (changed)
        await reply('opt_out_confirmation', '{{ reply.brand }}: You are unsubscribed and will get no more texts from us. Reply START to resubscribe.');
    } else if (intent === 'start') {
      handledAs = 'opted_in';
      const { changed } = await recordConsent(ctx, {
        customerId: customer.id,
        channel: 'sms',
        status: 'opted_in',
        source: 'sms_reply',
        note: `Replied "${sms.body.trim().slice(0, 40)}"`,
      });
      if (changed) await reply('opt_in_confirmation', '{{ reply.brand }}: You are subscribed to our texts again. Reply HELP for help, STOP to opt out.');
    } else if (intent === 'help') {
      handledAs = 'help_answered';
      await reply('help_reply', '{{ reply.brand }}: {{ reply.name }}{{ reply.contact }}. Msg & data rates may apply. Reply STOP to opt out.');
    } else if (intent === 'ambiguous' && customer.consent.sms.status === 'opted_in' && !(await clarifiedRecently(customer.id))) {
      // One clarification per customer per interval; the key also settles two ambiguous texts racing.
      const window = Math.floor(now.getTime() / CLARIFICATION_INTERVAL_MS);
      const send = await reply(
        'revocation_clarification',
        '{{ reply.brand }}: Do you want to stop getting texts from us? Reply STOP to opt out.{{ reply.question_line }}',
        `clarify:${customer.id}:${window}`,
      );
      if (send.status !== 'skipped') handledAs = 'clarification_sent';
    }
    await db.inboundMessages.set({ ...base, id, customerId: customer.id, handledAs, replySendIds: replies });
    handled.push(handledAs);
  }
  return { intent, customers: customers.length, handled, duplicate };
}

function isConflict(err: unknown): boolean {
  return (err as { code?: string }).code === 'conflict' || isAlreadyExists(err);
}
