import { randomUUID } from 'node:crypto';
import { FieldPath, type Query } from 'firebase-admin/firestore';
import {
  AUDIENCE_CHECK_MAX,
  audienceFilter,
  audienceWords,
  AudienceQuerySchema,
  CampaignCreateSchema,
  EMPTY_TALLY,
  skipReasonWords,
  type AudienceCheck,
  type Campaign,
  type CampaignAudience,
  type CampaignStatus,
} from '@/domain/crm/campaign';
import type { Customer } from '@/domain/customer';
import { AppError, errors } from '@/domain/errors';
import { evaluateGate } from '@/domain/messaging/gate';
import type { MessageCapState } from '@/domain/messaging/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { cancelPendingSends, pendingSendsWhere } from '../messaging/cancel-sends';
import { getTemplateOrThrow } from '../messaging/manage-templates';
import { cachedTenant, getMessagingSettings } from '../messaging/messaging-settings';
import { runCampaign } from './run-campaign';
import { getSavedSegmentOrThrow } from './saved-segments';

const AUDIENCE_PAGE = 500;

const invalid = (path: string, message: string) => new AppError('validation_failed', message, { issues: [{ path, message }] });

/** Creates a campaign: it starts at once (the first chunk runs after the answer) or at its time from the tick. */
export async function createCampaign(ctx: ServiceContext, raw: unknown): Promise<{ campaign: Campaign; followUp: FollowUp | null }> {
  const input = CampaignCreateSchema.parse(raw);
  const [template, audience] = await Promise.all([getTemplateOrThrow(ctx, input.templateId), audienceOf(ctx, input)]);
  if (template.channel !== input.channel)
    throw invalid(
      'templateId',
      `The template “${template.name}” is for ${template.channel === 'sms' ? 'SMS' : 'email'}; pick a ${input.channel === 'sms' ? 'SMS' : 'email'} template.`,
    );
  if (template.kind !== 'marketing') throw invalid('templateId', `“${template.name}” is a transactional template; a campaign sends a marketing template.`);
  const now = ctx.clock.now();
  if (input.startAt && input.startAt.getTime() < now.getTime() - 60_000) throw invalid('startAt', 'The start time has passed; pick a later time or send now.');
  const startAt = input.startAt && input.startAt > now ? input.startAt : now;
  const campaign = await createWithCode(ctx, input.discountCode ?? null, startAt, input.name, {
    id: `cmp_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    name: input.name,
    ...audience,
    savedSegment: audience.savedSegment ?? null,
    channel: input.channel,
    templateId: template.id,
    ratePerMinute: input.ratePerMinute,
    status: startAt > now ? 'scheduled' : 'sending',
    startAt,
    nextRunAt: startAt,
    cursor: null,
    processed: 0,
    total: null,
    tally: EMPTY_TALLY,
    createdBy: { uid: ctx.actor.uid, email: ctx.actor.email ?? null },
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    stoppedBy: null,
    discountCode: input.discountCode ?? null,
  });
  ctx.log?.info(
    { event: 'campaign.created', campaignId: campaign.id, segment: campaign.segment, savedSegmentId: campaign.savedSegment?.id, channel: campaign.channel },
    'campaign created',
  );
  const followUp: FollowUp | null =
    campaign.status === 'sending' ? { name: 'campaign.first-chunk', run: () => runCampaign(ctx, campaign.id, Date.now() + 50_000) } : null;
  return { campaign, followUp };
}

/**
 * The campaign, and its discount code claimed in the same transaction: a code already handed out by
 * another campaign, or a loyalty coupon's, is refused (409) and nothing is written.
 */
async function createWithCode(ctx: ServiceContext, code: string | null, issuedAt: Date, label: string, campaign: Campaign): Promise<Campaign> {
  const tdb = tenantDb(ctx.orgId);
  if (!code) return tdb.campaigns.create(campaign);
  await firestore().runTransaction(async (tx) => {
    const [taken, coupon] = await Promise.all([tx.get(tdb.campaignCodes.doc(code)), tx.get(tdb.loyaltyCoupons.ref.withConverter(null).doc(code))]);
    if (taken.exists || coupon.exists) throw errors.conflict(`The code ${code} is already in use; choose another.`);
    tx.create(tdb.campaignCodes.doc(code), { id: code, campaignId: campaign.id, issuedAt, label, createdAt: campaign.createdAt });
    tx.create(tdb.campaigns.doc(campaign.id), campaign);
  });
  return campaign;
}

/** The audience named by an input: a built-in segment, or an active saved segment (its name kept for the list). */
async function audienceOf(
  ctx: Pick<ServiceContext, 'orgId'>,
  input: { segment?: CampaignAudience['segment']; savedSegmentId?: string },
): Promise<CampaignAudience> {
  if (!input.savedSegmentId) return { segment: input.segment ?? null, savedSegment: null };
  const saved = await getSavedSegmentOrThrow(ctx, input.savedSegmentId).catch(() => {
    throw invalid('segment', 'That saved segment no longer exists; pick another.');
  });
  return { segment: null, savedSegment: { id: saved.id, name: saved.name } };
}

export async function listCampaigns(ctx: Pick<ServiceContext, 'orgId'>): Promise<Campaign[]> {
  const snap = await tenantDb(ctx.orgId).campaigns.ref.orderBy('createdAt', 'desc').limit(50).get();
  return snap.docs.map((d) => d.data());
}

export async function getCampaignOrThrow(ctx: Pick<ServiceContext, 'orgId'>, id: string): Promise<Campaign> {
  const campaign = await tenantDb(ctx.orgId).campaigns.get(id);
  if (!campaign) throw errors.notFound('Campaign', id);
  return campaign;
}

const MOVES: Record<'pause' | 'resume' | 'cancel', { from: CampaignStatus[]; to: CampaignStatus; words: string }> = {
  pause: { from: ['scheduled', 'sending'], to: 'paused', words: 'paused' },
  resume: { from: ['paused'], to: 'sending', words: 'resumed' },
  cancel: { from: ['scheduled', 'sending', 'paused'], to: 'cancelled', words: 'cancelled' },
};

/**
 * Pauses, resumes or cancels a campaign. A chunk already under way finishes its customers (each
 * send is one transaction); the next chunk sees the new status. Cancelling also withdraws the
 * campaign's messages still waiting for quiet hours to end.
 */
export async function changeCampaign(ctx: ServiceContext, id: string, action: keyof typeof MOVES): Promise<{ campaign: Campaign; followUp: FollowUp | null }> {
  const move = MOVES[action];
  const db = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const campaign = await firestore().runTransaction(async (tx) => {
    const cur = (await tx.get(db.campaigns.doc(id))).data();
    if (!cur) throw errors.notFound('Campaign', id);
    if (!move.from.includes(cur.status)) throw errors.conflict(`This campaign is ${cur.status} and cannot be ${move.words}.`);
    // A resumed campaign goes on now, or at its start if that is still ahead.
    const resumedTo: CampaignStatus = action === 'resume' && cur.startAt > now ? 'scheduled' : move.to;
    const patch = {
      status: resumedTo,
      updatedAt: now,
      ...(action === 'resume'
        ? { nextRunAt: cur.startAt > now ? cur.startAt : now }
        : { stoppedBy: { uid: ctx.actor.uid, email: ctx.actor.email ?? null, at: now } }),
      ...(action === 'cancel' ? { finishedAt: now } : {}),
    };
    db.campaigns.updateIn(tx, id, patch);
    return { ...cur, ...patch } as Campaign;
  });
  ctx.log?.info({ event: `campaign.${action}`, campaignId: id }, `campaign ${move.words}`);
  if (action === 'cancel') {
    const waiting = await pendingSendsWhere(ctx, 'source.id', id);
    await cancelPendingSends(
      ctx,
      waiting.filter((s) => s.source.type === 'campaign').map((s) => s.id),
      'The campaign was cancelled.',
    );
  }
  const followUp: FollowUp | null =
    campaign.status === 'sending' ? { name: 'campaign.resume', run: () => runCampaign(ctx, campaign.id, Date.now() + 50_000) } : null;
  return { campaign, followUp };
}

/**
 * The audience after the gate, before anything is sent: the segment's customers run through the
 * same gate a send uses (consent, address, age, quiet hours, frequency caps) and counted by
 * outcome. At most AUDIENCE_CHECK_MAX customers are read; a larger segment's counts are scaled.
 */
export async function checkAudience(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, raw: unknown): Promise<AudienceCheck> {
  const query = AudienceQuerySchema.parse(raw);
  const db = tenantDb(ctx.orgId);
  const [template, audience] = await Promise.all([getTemplateOrThrow(ctx, query.templateId), audienceOf(ctx, query)]);
  const where = audienceFilter(audience);
  if (template.channel !== query.channel) throw invalid('templateId', `The template “${template.name}” is for the other channel.`);
  const [settings, tenant, locations, counted] = await Promise.all([
    getMessagingSettings(ctx),
    cachedTenant(ctx.orgId),
    db.locations.ref.get(),
    db.customers.ref
      .where(...where)
      .count()
      .get(),
  ]);
  const zones = new Map(locations.docs.map((d) => [d.id, d.data().timeZone]));
  const inSegment = counted.data().count;
  const now = ctx.clock.now();
  let send = 0;
  let deferred = 0;
  const skipped = new Map<string, number>();
  let checked = 0;
  let after: string | null = null;
  while (checked < Math.min(inSegment, AUDIENCE_CHECK_MAX)) {
    let q: Query<Customer> = db.customers.ref
      .where(...where)
      .orderBy(FieldPath.documentId())
      .limit(Math.min(AUDIENCE_PAGE, AUDIENCE_CHECK_MAX - checked));
    if (after) q = q.startAfter(after);
    const snap = await q.get();
    if (snap.empty) break;
    const customers = snap.docs.map((d) => d.data());
    const caps = await firestore().getAll(...customers.map((c) => db.messageCaps.doc(c.id)));
    customers.forEach((customer, i) => {
      const cap = caps[i]!.data() as MessageCapState | undefined;
      const timeZone = customer.timeZone ?? (customer.homeLocationId ? zones.get(customer.homeLocationId) : undefined);
      const decision = evaluateGate({
        now,
        channel: query.channel,
        kind: 'marketing',
        purpose: 'message',
        customer,
        zone: timeZone ? { timeZone, from: customer.timeZone ? 'customer' : 'location' } : { timeZone: tenant.timeZone, from: 'tenant' },
        settings,
        reserved: (cap?.[query.channel] ?? []).map((r) => r.at),
        // The template's own text: what every customer's message is rendered from.
        content: `${template.subject ?? ''}\n${template.body}`,
      });
      if (decision.outcome === 'send') send += 1;
      else if (decision.outcome === 'defer') deferred += 1;
      else skipped.set(decision.reason, (skipped.get(decision.reason) ?? 0) + 1);
    });
    checked += customers.length;
    after = customers.at(-1)!.id;
    if (snap.size < AUDIENCE_PAGE) break;
  }
  const estimated = inSegment > checked && checked > 0;
  const scale = (n: number) => (estimated ? Math.round((n * inSegment) / checked) : n);
  return {
    segment: audienceWords(audience),
    channel: query.channel,
    inSegment,
    checked,
    estimated,
    send: scale(send),
    deferred: scale(deferred),
    skipped: [...skipped.entries()]
      .map(([reason, count]) => ({ reason, label: skipReasonWords(reason), count: scale(count) }))
      .sort((a, b) => b.count - a.count),
  };
}
