import { forEachConcurrently } from '@/domain/concurrency';
import { FieldPath, type Query } from 'firebase-admin/firestore';
import { addToTally, audienceFilter, EMPTY_TALLY, mergeTallies, type Campaign, type CampaignTally } from '@/domain/crm/campaign';
import type { Customer } from '@/domain/customer';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { sendMessage } from '../messaging/send-message';

/** Customers messaged at once within a chunk. */
const SEND_CONCURRENCY = 8;
/** Customers per chunk at most (one cursor move each); a chunk is also bounded by the rate. */
const CHUNK_MAX = 100;
const MINUTE = 60_000;

type RunContext = Pick<ServiceContext, 'orgId' | 'clock' | 'log'> & Partial<Pick<ServiceContext, 'actor' | 'renderBudget'>>;

/**
 * Works a campaign for one minute's worth of its rate (or until the deadline): chunks of its
 * segment's customers in id order, each sent through the gate with the key
 * `campaign:{id}:{customerId}`, and after each chunk the cursor and the tally move together, on
 * condition that no one else moved them. A chunk cut short by a crash is done again: its sends
 * return the first send for their key, so nobody gets the message twice and the tally counts
 * each customer once. The next minute's share is due a minute later (the tick takes it).
 */
export async function runCampaign(ctx: RunContext, id: string, deadline: number): Promise<{ sent: number; done: boolean }> {
  const db = tenantDb(ctx.orgId);
  let budget: number | null = null;
  let sent = 0;
  for (;;) {
    const campaign = await db.campaigns.get(id);
    const now = ctx.clock.now();
    if (!campaign || !['sending', 'scheduled'].includes(campaign.status) || campaign.startAt > now) return { sent, done: true };
    budget ??= campaign.ratePerMinute;
    if (budget <= 0 || Date.now() >= deadline) {
      await db.campaigns.update(id, { nextRunAt: new Date(now.getTime() + MINUTE), updatedAt: now });
      return { sent, done: false };
    }
    const where = audienceFilter(campaign);
    const total =
      campaign.total ??
      (
        await db.customers.ref
          .where(...where)
          .count()
          .get()
      ).data().count;
    const limit = Math.min(budget, CHUNK_MAX);
    let q: Query<Customer> = db.customers.ref
      .where(...where)
      .orderBy(FieldPath.documentId())
      .limit(limit);
    if (campaign.cursor) q = q.startAfter(campaign.cursor);
    const customers = (await q.get()).docs.map((d) => d.data());
    const tally = await sendChunk(ctx, campaign, customers);
    const finished = customers.length < limit;
    const moved = await firestore().runTransaction(async (tx) => {
      const cur = (await tx.get(db.campaigns.doc(id))).data();
      // Another worker took this chunk meanwhile (its sends were the same ones): leave its count.
      if (!cur || cur.cursor !== campaign.cursor) return false;
      const at = ctx.clock.now();
      db.campaigns.updateIn(tx, id, {
        cursor: customers.at(-1)?.id ?? cur.cursor,
        processed: cur.processed + customers.length,
        total: Math.max(total, cur.processed + customers.length),
        tally: mergeTallies(cur.tally, tally),
        updatedAt: at,
        // A pause or cancel that came in during the chunk stands.
        ...(cur.status === 'sending' || cur.status === 'scheduled' ? (finished ? { status: 'done', finishedAt: at } : { status: 'sending' }) : {}),
      });
      return true;
    });
    if (!moved) return { sent, done: false };
    sent += customers.length;
    budget -= customers.length;
    if (finished) {
      ctx.log?.info({ event: 'campaign.done', campaignId: id, processed: campaign.processed + customers.length }, 'campaign finished');
      return { sent, done: true };
    }
  }
}

async function sendChunk(ctx: RunContext, campaign: Campaign, customers: Customer[]): Promise<CampaignTally> {
  let tally = EMPTY_TALLY;
  const sendCtx: ServiceContext = { orgId: ctx.orgId, clock: ctx.clock, log: ctx.log, actor: { kind: 'system', uid: `system:campaign:${campaign.id}` } };
  await forEachConcurrently(customers, SEND_CONCURRENCY, async (customer) => {
    try {
      const send = await sendMessage(
        sendCtx,
        {
          customerId: customer.id,
          channel: campaign.channel,
          kind: 'marketing',
          templateId: campaign.templateId,
          idempotencyKey: `campaign:${campaign.id}:${customer.id}`,
          source: { type: 'campaign', id: campaign.id },
          ...(campaign.discountCode ? { variables: { offer: { code: campaign.discountCode } } } : {}),
        },
        { customer },
      );
      tally = addToTally(tally, { status: send.status, reason: send.decision.reason });
    } catch (err) {
      ctx.log?.error({ err, campaignId: campaign.id, customerId: customer.id }, 'campaign send failed');
      tally = addToTally(tally, 'failed');
    }
  });
  return tally;
}

/** Every minute: each campaign whose next share is due (a scheduled start, the next minute of a running one). */
export async function continueCampaigns(deps: CronDeps) {
  const r = await workDue(deps, {
    collection: 'campaigns',
    outcomes: ['finished'] as const,
    pageSize: 20,
    concurrency: 2,
    due: (q, now) => q.where('status', 'in', ['scheduled', 'sending']).where('nextRunAt', '<=', now).orderBy('nextRunAt', 'asc'),
    async work(doc, orgId) {
      return (await runCampaign({ orgId, clock: deps.clock, log: deps.log }, doc.id, deps.deadline)).done ? 'finished' : null;
    },
  });
  return { due: r.due, finished: r.finished, errors: r.errors };
}

export const campaignsTask: CronTask = { name: 'crm.campaigns', run: (deps) => continueCampaigns(deps) };
