import { attributeOrder, touchFromSend, type Attribution, type Touch } from '@/domain/analytics/attribution';
import { applyRefund } from '@/domain/analytics/attribution-refund';
import type { AttributionSettings } from '@/domain/analytics/attribution-settings';
import type { SplitMember } from '@/domain/analytics/split-member';
import { DAY } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import type { Campaign } from '@/domain/crm/campaign';
import type { Send } from '@/domain/messaging/send';
import type { Order } from '@/domain/order';
import type { Playbook } from '@/domain/playbooks/playbook';
import type { PlaybookRun } from '@/domain/playbooks/run';
import type { Product } from '@/domain/product';
import { demoCampaigns } from './demo-history-campaigns';
import { FIRST_HISTORIES, type HistoryScope } from './demo-history-playbooks';
import { MORE_HISTORIES } from './demo-history-playbooks-more';
import { Rng } from './demo-random';

/** How far back the demo's playbook and campaign history reaches. */
export const MESSAGE_HISTORY_DAYS = 90;

export interface DemoHistoryInput {
  orgId: string;
  timeZone: string;
  customers: readonly Customer[];
  orders: readonly Order[];
  products: readonly Product[];
  /** The tenant's playbooks as installed (their ids and step ids are what the history refers to). */
  playbooks: readonly Playbook[];
  settings: AttributionSettings;
  now: Date;
  seed: number | string;
  /** Who "created" the demo's campaigns. */
  owner: { uid: string; email: string | null };
}

export interface DemoHistory {
  runs: PlaybookRun[];
  sends: Send[];
  campaigns: Campaign[];
  attributions: Attribution[];
  members: SplitMember[];
}

const PAID = new Set<Order['status']>(['completed', 'partially_refunded', 'refunded']);
export const isPaid = (o: Pick<Order, 'status'>) => PAID.has(o.status);

/**
 * Ninety days of what the active playbooks and two campaigns would have done around the demo's
 * existing orders (docs/analytics.md, The demo's history). No order is invented: messages are placed
 * around the orders, and attributions and A/B members are then derived from the messages by the same
 * pure rules the live pipeline uses (`attributeOrder`, `applyRefund`, `enterSplit`/`withMemberOrder`),
 * so the demo agrees with the live rules by construction. Deterministic for a seed, the playbooks'
 * ids and `now`; ids depend only on the order of draws, so a re-seed overwrites.
 */
export function generateDemoHistory(input: DemoHistoryInput): DemoHistory {
  const root = new Rng(`${input.seed}:${input.orgId}:history`);
  const start = new Date(input.now.getTime() - MESSAGE_HISTORY_DAYS * DAY);
  const ordersOf = new Map<string, Order[]>();
  for (const o of [...input.orders].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime()))
    if (o.customerId) ordersOf.set(o.customerId, [...(ordersOf.get(o.customerId) ?? []), o]);
  const scope: HistoryScope = { ...input, start, ordersOf, customerById: new Map(input.customers.map((c) => [c.id, c])) };

  const out: DemoHistory = { runs: [], sends: [], campaigns: [], attributions: [], members: [] };
  // Sorted by id so the draws do not depend on the order Firestore listed the playbooks in.
  for (const playbook of [...input.playbooks].sort((a, b) => a.id.localeCompare(b.id))) {
    if (playbook.status !== 'active') continue;
    const history = [...FIRST_HISTORIES, ...MORE_HISTORIES].find((h) => h.matches(playbook));
    if (!history) continue;
    const made = history.generate(root.fork(`playbook:${history.name}`), scope, playbook);
    out.runs.push(...made.runs);
    out.sends.push(...made.sends);
    out.members.push(...made.members);
  }
  const campaigns = demoCampaigns(root.fork('campaigns'), scope);
  out.campaigns.push(...campaigns.campaigns);
  out.sends.push(...campaigns.sends);
  out.attributions = attributeDemoOrders(input, out.sends);
  return out;
}

/**
 * Every paid order's attribution from the seeded sends, exactly as the order pipeline would make it:
 * the customer's messages created within the longest window before the order (settle-order-analytics'
 * query), through `touchFromSend` and `attributeOrder`, then the order's refunds off the revenue.
 */
export function attributeDemoOrders(
  input: Pick<DemoHistoryInput, 'orders' | 'settings'>,
  sends: readonly Pick<
    Send,
    'id' | 'customerId' | 'channel' | 'status' | 'purpose' | 'source' | 'sentAt' | 'deliveredAt' | 'clickedAt' | 'message' | 'createdAt'
  >[],
): Attribution[] {
  const w = input.settings;
  const longest = Math.max(w.clickWindowDays, w.viewWindowDays.email, w.viewWindowDays.sms) * DAY;
  const sendsOf = new Map<string, typeof sends>();
  for (const s of sends) sendsOf.set(s.customerId, [...(sendsOf.get(s.customerId) ?? []), s]);
  const out: Attribution[] = [];
  for (const o of input.orders) {
    if (!o.customerId || !isPaid(o)) continue;
    const mine = sendsOf.get(o.customerId);
    if (!mine) continue;
    const placed = o.placedAt.getTime();
    const touches = mine
      .filter((s) => s.createdAt.getTime() >= placed - longest && s.createdAt.getTime() <= placed)
      .map((s) => touchFromSend(s))
      .filter((t): t is Touch => t !== null);
    let a = attributeOrder({
      order: { id: o.id, customerId: o.customerId, placedAt: o.placedAt, totalCents: o.totalCents },
      touches,
      codes: [],
      settings: w,
      now: o.placedAt,
    });
    if (!a) continue;
    // The seed writes no refund records; one refund per refunded order stands for them.
    if (o.refundedCents > 0) a = applyRefund(a, { id: `seed-refund-${o.id}`, cents: o.refundedCents }).attribution;
    out.push(a);
  }
  return out;
}
