import { z } from 'zod';
import type { Customer } from '../customer';
import type { Send } from '../messaging/send';
import { orderCounts, type Order } from '../order';
import type { Attribution } from './attribution';
import { memberRevenueCents, type SplitMember } from './split-member';
import type { RefundRecord } from '../signals/records';
import { DAY_KEY_PATTERN, localDayKey, type DayKey } from './rollup-day';

/**
 * Daily rollups (docs/analytics.md, Daily rollups): per dispensary and local day, the counters the
 * Overview and the Analytics pages read instead of scanning orders and sends. Firestore sustains
 * about one write a second per document, so each day is split over shards that writers pick at
 * random and readers add up; sales and message counters are kept apart, because messages come far
 * faster (a campaign dispatches dozens a second) and the Overview needs only sales.
 */
export const ROLLUP_SHARDS = { sales: 8, messages: 32 } as const;
export type RollupPart = keyof typeof ROLLUP_SHARDS;
export const ROLLUP_PARTS = Object.keys(ROLLUP_SHARDS) as RollupPart[];

const MESSAGE_GROUPS = new Set(['channels', 'playbooks', 'campaigns', 'steps', 'variants', 'agents', 'experiments']);
// Runs start as fast as messages (a campaign-wide trigger) and AI calls come with them: both live with the messages.
for (const g of ['playbookRuns', 'aiCalls']) MESSAGE_GROUPS.add(g);
/** Which set of documents a tally entry lives in. */
export const partOf = (key: string): RollupPart => (MESSAGE_GROUPS.has((JSON.parse(key) as string[])[0]!) ? 'messages' : 'sales');

/** A tally's entries split by part (parts without entries left out). */
export function splitTally(t: Tally): Partial<Record<RollupPart, Tally>> {
  const out: Partial<Record<RollupPart, Tally>> = {};
  for (const [k, v] of Object.entries(t)) (out[partOf(k)] ??= {})[k] = v;
  return out;
}

const Counter = z.number().int().default(0);

/** What is counted for the messages of one channel (of one playbook or campaign), one step, one variant or one agent, with the orders attributed to them. */
export const MessageCountersSchema = z.object({
  sends: Counter,
  deliveries: Counter,
  opens: Counter,
  clicks: Counter,
  conversions: Counter,
  /** Attributed orders' totals less their refunds. */
  attributedRevenueCents: Counter,
});
export type MessageCounters = z.infer<typeof MessageCountersSchema>;

const ByChannel = z.record(z.string(), MessageCountersSchema).default({});

/** One arm of an A/B split (a variant, or "holdout"), over the customers who entered it that day. */
export const ArmCountersSchema = z.object({
  customers: Counter,
  converters: Counter,
  revenueSumCents: Counter,
  /** Σ (revenue per customer)², in cents²: only variances read it. */
  revenueSumSquaresCents: z.number().default(0),
});
export type ArmCounters = z.infer<typeof ArmCountersSchema>;

/** Who did the work a message or a code stands for (docs/analytics.md, Agents). */
export const AGENTS = ['craig', 'smokey', 'mrs_parker', 'pops'] as const;
export type Agent = (typeof AGENTS)[number];

/** tenants/{orgId}/rollups_daily/{day}_{shard} (sales) and rollups_daily_messages/{day}_{shard}. Counters may be negative in one shard (a decrement can land elsewhere than its increment); their sum never is. */
export const DailyRollupSchema = z.object({
  id: z.string().min(1),
  day: z.string().regex(DAY_KEY_PATTERN),
  shard: z.number().int().nonnegative(),
  /** Orders placed that day that were paid (completed, partly or wholly refunded since). */
  orders: Counter,
  grossSalesCents: Counter,
  /** Refunds we hold for those orders, and what was refunded of them (net = gross − refunded). */
  refunds: Counter,
  refundedCents: Counter,
  /** Counting orders with a customer; returning orders = customerOrders − newCustomers. */
  customerOrders: Counter,
  /** Customers whose first counting order was placed that day. */
  newCustomers: Counter,
  channels: ByChannel,
  playbooks: z.record(z.string(), ByChannel).default({}),
  campaigns: z.record(z.string(), ByChannel).default({}),
  /** Per playbook, per step id. */
  steps: z.record(z.string(), ByChannel).default({}),
  /** Per playbook, per A/B variant name. */
  variants: z.record(z.string(), ByChannel).default({}),
  agents: ByChannel,
  /** Attributed orders of the day (all sources, codes included) and their revenue less refunds. */
  conversions: Counter,
  attributedRevenueCents: Counter,
  /** Per playbook, per split step, per arm: counted on the day the customer first entered the split. */
  experiments: z.record(z.string(), z.record(z.string(), z.record(z.string(), ArmCountersSchema))).default({}),
  // Pops (docs/agents.md): what sold, and how customers moved between segments.
  /** Per product (its id, else the line's name): units and line revenue of the day's counting orders. */
  products: z.record(z.string(), z.object({ units: Counter, revenueCents: Counter })).default({}),
  /** customer.segment_changed events of the day: entries per segment, and the moves Pops reports. */
  segmentsEntered: z.record(z.string(), Counter).default({}),
  segmentMoves: z.object({ wonBack: Counter, slipping: Counter, churned: Counter }).partial().default({}),
  /** Playbook runs started that day, per playbook (dry runs are not stored, so never counted). */
  playbookRuns: z.record(z.string(), Counter).default({}),
  /** Calls to a language model per agent (Claude answered or failed; not configured is no call). Not recomputable: a rebuild keeps them. */
  aiCalls: z.record(z.string(), Counter).default({}),
  updatedAt: z.date().nullable().default(null),
});
export type DailyRollup = z.infer<typeof DailyRollupSchema>;

export const rollupDocId = (day: DayKey, shard: number) => `${day}_${shard}`;

/**
 * Counters as flat entries: the key is the JSON of the field path (["channels","sms","sends"]),
 * so ids holding dots or slashes stay one segment. Zero entries are dropped.
 */
export type Tally = Record<string, number>;
/** Tallies per local day. */
export type RollupDelta = Record<DayKey, Tally>;

function add(delta: RollupDelta, day: DayKey, path: string[], n: number) {
  if (!n) return;
  const t = (delta[day] ??= {});
  const key = JSON.stringify(path);
  const v = (t[key] ?? 0) + n;
  if (v) t[key] = v;
  else delete t[key];
  if (!Object.keys(t).length) delete delta[day];
}

/** Adds sign × d into `into` (mutated and returned). */
function accumulate(into: RollupDelta, d: RollupDelta, sign = 1): RollupDelta {
  for (const [day, t] of Object.entries(d)) for (const [k, v] of Object.entries(t)) add(into, day, JSON.parse(k) as string[], sign * v);
  return into;
}

/** a + sign × b. */
export const mergeDelta = (a: RollupDelta, b: RollupDelta, sign = 1): RollupDelta => accumulate(accumulate({}, a), b, sign);

export type OrderFacts = Pick<Order, 'status' | 'totalCents' | 'refundedCents' | 'placedAt' | 'customerId'> & Partial<Pick<Order, 'lineItems'>>;

/** The key a line's sales are counted under: its catalogue product, else its name (what the owner reads in Pops's report). */
export const productKeyOf = (li: Pick<Order['lineItems'][number], 'productId' | 'name'>): string => li.productId ?? li.name;

const PAID = new Set<Order['status']>(['completed', 'partially_refunded', 'refunded']);

/** What one order (with the number of refunds we hold for it) adds to the day it was placed. Everything of an order stays on that day, refunds too. */
export function orderContribution(o: OrderFacts | null, refundCount: number, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (!o || !PAID.has(o.status)) return out;
  const day = localDayKey(o.placedAt, timeZone);
  add(out, day, ['orders'], 1);
  add(out, day, ['grossSalesCents'], o.totalCents);
  add(out, day, ['refunds'], refundCount);
  add(out, day, ['refundedCents'], Math.min(o.refundedCents, o.totalCents));
  if (o.customerId && orderCounts(o)) add(out, day, ['customerOrders'], 1);
  // Refunds are not itemised, so a product's figures follow the order: counted while it counts as a purchase.
  if (orderCounts(o))
    for (const li of o.lineItems ?? []) {
      const key = productKeyOf(li);
      add(out, day, ['products', key, 'units'], li.quantity);
      add(out, day, ['products', key, 'revenueCents'], li.totalCents);
    }
  return out;
}

/** Segments a customer is lapsing in, from the least to the most lapsed (src/domain/crm/segments.ts). */
const LAPSED = new Set(['Slipping', 'At Risk', 'Churned']);

/** The move Pops reports for a segment change: won back (At Risk or Churned to an active segment), slipping (into At Risk), churned (into Churned). */
export function segmentMoveOf(previous: string | null | undefined, segment: string): 'wonBack' | 'slipping' | 'churned' | null {
  if (segment === 'Churned') return previous === 'Churned' ? null : 'churned';
  if (segment === 'At Risk') return previous === 'At Risk' || previous === 'Churned' ? null : 'slipping';
  if ((previous === 'At Risk' || previous === 'Churned') && !LAPSED.has(segment)) return 'wonBack';
  return null;
}

export interface SegmentChangeFacts {
  occurredAt: Date;
  data: { segment: string; previousSegment?: string | null };
}

/** What one stored customer.segment_changed event adds, on its local day. */
export function segmentChangeContribution(e: SegmentChangeFacts | null, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (!e) return out;
  const day = localDayKey(e.occurredAt, timeZone);
  add(out, day, ['segmentsEntered', e.data.segment], 1);
  const move = segmentMoveOf(e.data.previousSegment, e.data.segment);
  if (move) add(out, day, ['segmentMoves', move], 1);
  return out;
}

/** The segment changes among events stored together (the others are ignored). */
export function segmentChangesDelta(events: ReadonlyArray<{ name: string; occurredAt: Date; data: unknown }>, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  for (const e of events) if (e.name === 'customer.segment_changed') accumulate(out, segmentChangeContribution(e as SegmentChangeFacts, timeZone));
  return out;
}

/** A customer is new on the day of their first counting order. */
export function newCustomerContribution(firstOrderAt: Date | null | undefined, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (firstOrderAt) add(out, localDayKey(firstOrderAt, timeZone), ['newCustomers'], 1);
  return out;
}

export type SendFacts = Pick<Send, 'channel' | 'source' | 'purpose' | 'createdAt' | 'sentAt' | 'deliveredAt' | 'openedAt' | 'clickedAt'>;

/**
 * What one message adds, on the local day it was created: sent, delivered, opened, clicked once
 * each whenever its timestamp is set. BakedBot's own answers (STOP, HELP) are not engagement.
 */
export function sendContribution(s: SendFacts | null, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (!s || s.purpose !== 'message') return out;
  const day = localDayKey(s.createdAt, timeZone);
  const groups: string[][] = [['channels', s.channel]];
  const src = s.source;
  if (src.type === 'playbook' && src.playbookId) {
    groups.push(['playbooks', src.playbookId, s.channel], ['steps', src.playbookId, src.stepId]);
    if (src.variant) groups.push(['variants', src.playbookId, src.variant]);
  }
  if (src.type === 'campaign') groups.push(['campaigns', src.id, s.channel]);
  const agent = agentOfSource(src);
  if (agent) groups.push(['agents', agent]);
  const counts: Array<[keyof MessageCounters, Date | null]> = [
    ['sends', s.sentAt],
    ['deliveries', s.deliveredAt],
    ['opens', s.openedAt],
    ['clicks', s.clickedAt],
  ];
  for (const g of groups) for (const [name, at] of counts) if (at) add(out, day, [...g, name], 1);
  return out;
}

/** The agent a message is credited to: the step's, or Craig (the marketer) for every other campaign and playbook message. */
export function agentOfSource(src: SendFacts['source']): Agent | null {
  if (src.type === 'playbook') return src.agent ?? 'craig';
  if (src.type === 'campaign') return 'craig';
  return null;
}

/** The groups a conversion counts in, from what its attribution was credited to. */
function attributionGroups(a: Pick<Attribution, 'channel' | 'source' | 'codeKind'>): string[][] {
  const ch = a.channel ?? 'code';
  const { playbookId, stepId, variant, campaignId } = a.source;
  const groups: string[][] = [];
  if (a.channel) groups.push(['channels', a.channel]);
  if (playbookId) {
    groups.push(['playbooks', playbookId, ch]);
    if (stepId) groups.push(['steps', playbookId, stepId]);
    if (variant) groups.push(['variants', playbookId, variant]);
  }
  if (campaignId) groups.push(['campaigns', campaignId, ch]);
  const agent = a.source.agent ?? (a.codeKind === 'redemption' ? 'mrs_parker' : playbookId || campaignId ? 'craig' : null);
  if (agent) groups.push(['agents', agent]);
  return groups;
}

/** What one attribution adds, on the local day of its order: a conversion and its revenue (less refunds) for everything it is credited to. */
export function attributionContribution(
  a: Pick<Attribution, 'channel' | 'source' | 'codeKind' | 'placedAt' | 'revenueCents'> | null,
  timeZone: string,
): RollupDelta {
  const out: RollupDelta = {};
  if (!a) return out;
  const day = localDayKey(a.placedAt, timeZone);
  add(out, day, ['conversions'], 1);
  add(out, day, ['attributedRevenueCents'], a.revenueCents);
  for (const g of attributionGroups(a)) {
    add(out, day, [...g, 'conversions'], 1);
    add(out, day, [...g, 'attributedRevenueCents'], a.revenueCents);
  }
  return out;
}

/** What one customer in an A/B split adds to their arm, on the day they first entered it. */
export function memberContribution(m: Pick<SplitMember, 'playbookId' | 'stepId' | 'arm' | 'firstEnteredAt' | 'orders'> | null, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (!m) return out;
  const day = localDayKey(m.firstEnteredAt, timeZone);
  const path = ['experiments', m.playbookId, m.stepId, m.arm];
  const revenue = memberRevenueCents(m);
  add(out, day, [...path, 'customers'], 1);
  add(out, day, [...path, 'converters'], revenue > 0 ? 1 : 0);
  add(out, day, [...path, 'revenueSumCents'], revenue);
  add(out, day, [...path, 'revenueSumSquaresCents'], revenue * revenue);
  return out;
}

/** A playbook run, on the local day it started. */
export function runContribution(r: { playbookId: string; startedAt: Date; dryRun?: boolean } | null, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  if (r && !r.dryRun) add(out, localDayKey(r.startedAt, timeZone), ['playbookRuns', r.playbookId], 1);
  return out;
}

/** One call to a language model made for `agent`. */
export function aiCallContribution(agent: Agent, at: Date, timeZone: string): RollupDelta {
  const out: RollupDelta = {};
  add(out, localDayKey(at, timeZone), ['aiCalls', agent], 1);
  return out;
}

/** Counters no raw record keeps, which a rebuild must carry over rather than recompute. */
export const isKeptOnRebuild = (key: string) => (JSON.parse(key) as string[])[0] === 'aiCalls';

/** The change from `before` to `after` (null: absent). A replay, where both are equal, changes nothing. */
export const changeOf = (before: RollupDelta, after: RollupDelta): RollupDelta => mergeDelta(after, before, -1);

export function orderDelta(
  before: { order: OrderFacts | null; refunds: number },
  after: { order: OrderFacts | null; refunds: number },
  customers: Array<{ before: Pick<Customer, 'firstOrderAt'> | null; after: Pick<Customer, 'firstOrderAt'> | null }>,
  timeZone: string,
): RollupDelta {
  const out = changeOf(orderContribution(before.order, before.refunds, timeZone), orderContribution(after.order, after.refunds, timeZone));
  for (const c of customers) {
    accumulate(out, newCustomerContribution(c.after?.firstOrderAt, timeZone));
    accumulate(out, newCustomerContribution(c.before?.firstOrderAt, timeZone), -1);
  }
  return out;
}

export const sendDelta = (before: SendFacts | null, after: SendFacts, timeZone: string) =>
  changeOf(sendContribution(before, timeZone), sendContribution(after, timeZone));

export type AttributionFacts = Parameters<typeof attributionContribution>[0] & object;
export const attributionDelta = (before: AttributionFacts | null, after: AttributionFacts | null, timeZone: string) =>
  changeOf(attributionContribution(before, timeZone), attributionContribution(after, timeZone));

export type MemberFacts = Parameters<typeof memberContribution>[0] & object;
export const memberDelta = (before: MemberFacts | null, after: MemberFacts | null, timeZone: string) =>
  changeOf(memberContribution(before, timeZone), memberContribution(after, timeZone));

/**
 * The rollups recomputed from the raw records: the definition the incremental writes must equal.
 * `refunds` are the refund lists keyed by order id.
 */
export function rollupFromRecords(
  orders: ReadonlyArray<OrderFacts & { id: string }>,
  refunds: ReadonlyMap<string, readonly RefundRecord[]>,
  sends: readonly SendFacts[],
  timeZone: string,
  more: {
    attributions?: readonly AttributionFacts[];
    members?: readonly MemberFacts[];
    segmentChanges?: readonly SegmentChangeFacts[];
    runs?: ReadonlyArray<Parameters<typeof runContribution>[0] & object>;
  } = {},
): RollupDelta {
  const out: RollupDelta = {};
  const first = new Map<string, Date>();
  for (const o of orders) {
    accumulate(out, orderContribution(o, refunds.get(o.id)?.length ?? 0, timeZone));
    if (!o.customerId || !orderCounts(o)) continue;
    const f = first.get(o.customerId);
    if (!f || o.placedAt < f) first.set(o.customerId, o.placedAt);
  }
  for (const at of first.values()) accumulate(out, newCustomerContribution(at, timeZone));
  for (const s of sends) accumulate(out, sendContribution(s, timeZone));
  for (const a of more.attributions ?? []) accumulate(out, attributionContribution(a, timeZone));
  for (const m of more.members ?? []) accumulate(out, memberContribution(m, timeZone));
  for (const e of more.segmentChanges ?? []) accumulate(out, segmentChangeContribution(e, timeZone));
  for (const r of more.runs ?? []) accumulate(out, runContribution(r, timeZone));
  return out;
}

/** A stored shard as a tally (its numeric leaves), to add shards up or compare with a recomputation. */
export function tallyOfDoc(doc: Record<string, unknown>): Tally {
  const out: Tally = {};
  const walk = (v: unknown, path: string[]) => {
    if (typeof v === 'number') {
      if (v) out[JSON.stringify(path)] = v;
    } else if (v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  const { day: _d, shard: _s, id: _i, updatedAt: _u, ...counters } = doc;
  walk(counters, []);
  return out;
}

/** A tally as the nested object Firestore stores (leaves mapped by `leaf`, e.g. to increments). */
export function nestTally<T>(t: Tally, leaf: (n: number) => T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    const path = JSON.parse(k) as string[];
    let node = out;
    for (const seg of path.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = leaf(v);
  }
  return out;
}

/** Sales figures of a tally (what the Overview shows). */
export function salesOf(t: Tally) {
  const n = (k: string) => t[JSON.stringify([k])] ?? 0;
  const grossSalesCents = n('grossSalesCents');
  const refundedCents = n('refundedCents');
  const customerOrders = n('customerOrders');
  const newCustomers = n('newCustomers');
  return {
    orders: n('orders'),
    grossSalesCents,
    refunds: n('refunds'),
    refundedCents,
    netSalesCents: grossSalesCents - refundedCents,
    newCustomers,
    returningOrders: customerOrders - newCustomers,
  };
}
