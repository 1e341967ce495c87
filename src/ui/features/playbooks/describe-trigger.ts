import { savedSegmentIdOfTrigger } from '@/domain/crm/saved-segment';
import { describeCondition } from '@/domain/playbooks/describe-condition';
import type { Trigger } from '@/domain/playbooks/playbook';

/** How each catalogue event reads in a sentence ("When an order is created"). */
const EVENT_PHRASES: Record<string, string> = {
  'customer.created': 'When a new customer is added',
  'customer.updated': "When a customer's details change",
  'order.created': 'When an order is created',
  'order.updated': 'When an order changes',
  'order.refunded': 'When an order is refunded',
  'checkout.started': 'When a checkout starts',
  'checkout.updated': 'When a checkout changes',
  'cart.abandoned': 'When a cart is abandoned',
  'cart.item_added': 'When a product is added to a cart',
  'cart.item_removed': 'When a product is taken out of a cart',
  'inventory.updated': 'When stock changes',
  'inventory.low_stock': 'When a product runs low',
  'product.updated': 'When a product changes',
  'product.deleted': 'When a product is removed',
  'product.viewed': 'When a product page is viewed',
  'menu.viewed': 'When a menu is viewed',
  'product.searched': 'When someone searches the menu',
  'wishlist.added': 'When a product is wishlisted',
  'review.posted': 'When a review is posted',
  'loyalty.points_earned': 'When a customer earns points',
  'loyalty.tier_changed': "When a customer's tier changes",
  'loyalty.points_expiring': "When a customer's points are about to expire",
  'customer.birthday': "On the customer's birthday (local midnight)",
  'customer.anniversary': 'On the anniversary of the day they joined',
};

/** Short names for the picker where the phrase reads long ("Points about to expire"). */
const EVENT_LABELS: Record<string, string> = {
  'loyalty.points_earned': 'Points earned',
  'loyalty.tier_changed': 'Tier changed',
  'loyalty.points_expiring': 'Points about to expire',
  'customer.birthday': "Customer's birthday",
  'customer.anniversary': 'Join anniversary',
};

/** An event as the trigger picker lists it. */
export function eventLabel(name: string): string {
  return EVENT_LABELS[name] ?? eventPhrase(name).replace(/^When /, '');
}

export function eventPhrase(name: string): string {
  return EVENT_PHRASES[name] ?? `When ${name || 'an event'} happens`;
}

/** Catalogue groups for the event picker, by the event's first word. */
const GROUPS: Record<string, string> = {
  customer: 'Customers',
  order: 'Orders',
  checkout: 'Checkouts and carts',
  cart: 'Checkouts and carts',
  inventory: 'Products and stock',
  product: 'Products and stock',
  menu: 'Browsing',
  wishlist: 'Browsing',
  review: 'Browsing',
  loyalty: 'Loyalty',
};

export function eventGroup(name: string): string {
  if (name === 'product.viewed' || name === 'product.searched') return 'Browsing';
  if (name === 'customer.birthday' || name === 'customer.anniversary') return 'Loyalty';
  return GROUPS[name.split('.')[0] ?? ''] ?? 'Other';
}

export function groupEvents<T extends { name: string }>(events: T[]): Array<{ group: string; events: T[] }> {
  const out = new Map<string, T[]>();
  for (const e of events) out.set(eventGroup(e.name), [...(out.get(eventGroup(e.name)) ?? []), e]);
  return [...out].map(([group, list]) => ({ group, events: list }));
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function dayNumber(s: string): number | null {
  if (/^\d$/.test(s)) return Number(s) % 7;
  return DAY_NAMES[s.toLowerCase().slice(0, 3)] ?? null;
}

function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

function days(field: string): string | null {
  if (field === '1-5') return 'Every weekday (Monday to Friday)';
  if (field === '0,6' || field === '6,0' || field === 'sat,sun') return 'Every Saturday and Sunday';
  const parts = field.split(',').map(dayNumber);
  if (parts.some((p) => p === null)) return null;
  return `Every ${listWords(parts.map((p) => DAYS[p!]!))}`;
}

/** A five-field cron expression in words, for the common shapes; otherwise null. */
export function describeCron(cron: string): string | null {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return null;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  const num = (s: string) => /^\d{1,2}$/.test(s);
  if (month !== '*') return null;
  if (min === '*' && hour === '*' && dom === '*' && dow === '*') return 'Every minute';
  const everyMin = /^\*\/(\d+)$/.exec(min);
  if (everyMin && hour === '*' && dom === '*' && dow === '*') return `Every ${everyMin[1]} minutes`;
  if (num(min) && hour === '*' && dom === '*' && dow === '*') return min === '0' ? 'Every hour, on the hour' : `Every hour at ${min.padStart(2, '0')} past`;
  const everyHour = /^\*\/(\d+)$/.exec(hour);
  if (num(min) && everyHour && dom === '*' && dow === '*') return `Every ${everyHour[1]} hours at ${min.padStart(2, '0')} past`;
  if (!num(min) || !num(hour)) return null;
  const at = `${hour.padStart(2, '0')}:${min.padStart(2, '0')}`;
  if (dom === '*' && dow === '*') return `Every day at ${at}`;
  if (dom === '*') {
    const d = days(dow);
    return d ? `${d} at ${at}` : null;
  }
  if (num(dom) && dow === '*') return `On the ${ordinal(Number(dom))} of every month at ${at}`;
  return null;
}

/** An event filter in words: "only if order total above $0.00" (the expression itself is behind "Show expression"). */
export function describeFilter(filter: string | undefined, eventName: string): string {
  return filter?.trim() ? `only if ${describeCondition(filter, { eventName })}` : '';
}

/**
 * A trigger in words: "When an order is created, only if order total above $0.00", "Every Monday at 08:00".
 * `savedNames` gives saved segments (`saved:<id>`) their names; without them they read as "a saved segment".
 */
export function describeTrigger(t: Trigger, tenantTimeZone?: string, savedNames?: Record<string, string>): string {
  switch (t.type) {
    case 'event':
      return `${eventPhrase(t.eventName)}${t.filter?.trim() ? `, ${describeFilter(t.filter, t.eventName)}` : ''}`;
    case 'schedule': {
      const words = describeCron(t.cron) ?? `On the schedule “${t.cron}”`;
      const zone = t.timeZone ?? tenantTimeZone;
      return zone ? `${words} (${zone.replace(/_/g, ' ')})` : words;
    }
    case 'segment_entered': {
      const savedId = savedSegmentIdOfTrigger(t.segment);
      if (savedId) return savedNames?.[savedId] ? `Enters the saved segment “${savedNames[savedId]}”` : 'Enters a saved segment';
      return `When a customer enters the segment “${t.segment}”`;
    }
    case 'manual':
      return 'By hand (Run now) or the API';
  }
}
