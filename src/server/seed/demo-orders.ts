import { DAY, MINUTE } from '@/domain/clock';
import type { LineItem, Order, OrderStatus } from '@/domain/order';
import type { Product, ProductCategory } from '@/domain/product';
import { localDayBefore, timeDuringOpeningHours } from './demo-local-time';
import type { Rng } from './demo-random';
import type { DemoLocationDefinition } from './demo-tenants';

/** What sells, as opposed to what is on the menu. */
export const SALES_MIX: ReadonlyArray<readonly [ProductCategory, number]> = [
  ['flower', 34],
  ['pre_roll', 14],
  ['vape', 18],
  ['edible', 16],
  ['concentrate', 6],
  ['tincture', 2],
  ['topical', 2],
  ['beverage', 4],
  ['accessory', 4],
];

export type Menu = Map<ProductCategory, Product[]>;

export function menuByCategory(products: Product[]): Menu {
  const menu: Menu = new Map();
  for (const p of products) {
    if (!p.active) continue;
    menu.set(p.category, [...(menu.get(p.category) ?? []), p]);
  }
  return menu;
}

export interface OrderSpec {
  id: string;
  customerId: string;
  location: DemoLocationDefinition;
  daysAgo: number;
  now: Date;
  /** Per location: days back to the last business day that has closed (day 0 of the plan). */
  lastClose: ReadonlyMap<string, number>;
  menu: Menu;
  favourites: ProductCategory[];
  bigBasket: boolean;
  taxRateBps: number;
  mayGoWrong: boolean;
  isLast: boolean;
}

/** One order: a basket from the menu, tax, sometimes a promotion, rarely a cancel or refund. */
export function buildOrder(rng: Rng, s: OrderSpec): Order {
  // Busier towards the evening.
  const placedAt = placeDuringOpeningHours(s.location, s.now, s.daysAgo + s.lastClose.get(s.location.id)!, rng.next() ** 0.75);
  const lineItems = basket(rng, s);
  const subtotalCents = lineItems.reduce((sum, l) => sum + l.totalCents, 0);
  const discountCents = discount(rng, subtotalCents);
  const taxCents = Math.round(((subtotalCents - discountCents) * s.taxRateBps) / 10_000);
  const totalCents = subtotalCents - discountCents + taxCents;

  const trouble = rng.next();
  const pendingRoll = rng.next();
  const refundAfter = rng.int(1, 10) * DAY + rng.int(0, 8 * 60) * MINUTE;
  const partialShare = rng.float(0.2, 0.5);
  let status: OrderStatus = 'completed';
  if (s.mayGoWrong && trouble < 0.02) status = 'cancelled';
  else if (s.mayGoWrong && trouble < 0.035) status = 'refunded';
  else if (s.mayGoWrong && trouble < 0.06) status = 'partially_refunded';
  // An online order from the last business day may not be collected yet.
  else if (s.isLast && s.daysAgo === 0 && pendingRoll < 0.15) status = 'pending';

  let refundedCents = 0;
  if (status === 'refunded') refundedCents = totalCents;
  if (status === 'partially_refunded') {
    const lastLine = lineItems[lineItems.length - 1]!;
    const share = lineItems.length > 1 ? lastLine.totalCents / subtotalCents : partialShare;
    refundedCents = Math.min(totalCents - 1, Math.max(1, Math.round(totalCents * share)));
  }
  const changedAt =
    status === 'refunded' || status === 'partially_refunded'
      ? new Date(Math.min(s.now.getTime(), placedAt.getTime() + refundAfter))
      : status === 'cancelled'
        ? new Date(Math.min(s.now.getTime(), placedAt.getTime() + 20 * MINUTE))
        : placedAt;

  return {
    id: s.id,
    customerId: s.customerId,
    locationId: s.location.id,
    source: 'seed',
    externalId: null,
    status,
    lineItems,
    subtotalCents,
    discountCents,
    taxCents,
    totalCents,
    refundedCents,
    placedAt,
    createdAt: placedAt,
    updatedAt: changedAt,
  };
}

/** A moment when the store was open, on the planned day or the last open day before it. */
function placeDuringOpeningHours(location: DemoLocationDefinition, now: Date, daysAgo: number, fraction: number): Date {
  for (let d = daysAgo; d < daysAgo + 8; d++) {
    const t = timeDuringOpeningHours(location.timeZone, location.businessHours, localDayBefore(location.timeZone, now, d), fraction);
    if (t && t <= now) return t;
  }
  throw new Error(`${location.id} is never open`);
}

function basket(rng: Rng, s: OrderSpec): LineItem[] {
  let lines = rng.weighted([
    [1, 50],
    [2, 30],
    [3, 13],
    [4, 5],
    [5, 2],
  ] as const);
  if (s.bigBasket && rng.chance(0.3)) lines += 1;
  const items = new Map<string, LineItem>();
  for (let i = 0; i < lines; i++) {
    const wanted = rng.chance(0.6) ? rng.pick(s.favourites) : rng.weighted(SALES_MIX);
    const shelf = s.menu.get(wanted) ?? s.menu.get('flower') ?? [...s.menu.values()].flat();
    const product = rng.pick(shelf);
    const quantity = rng.weighted([
      [1, 82],
      [2, 14],
      [3, 4],
    ] as const);
    const existing = items.get(product.id);
    if (existing) {
      existing.quantity += quantity;
      existing.totalCents = existing.quantity * existing.unitPriceCents;
      continue;
    }
    items.set(product.id, {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      category: product.category,
      quantity,
      unitPriceCents: product.priceCents,
      totalCents: quantity * product.priceCents,
    });
  }
  return [...items.values()];
}

/** About one order in six carries a promotion; a fixed amount off only on a big enough basket. */
function discount(rng: Rng, subtotalCents: number): number {
  if (!rng.chance(0.17)) return 0;
  const kind = rng.weighted([
    ['pct10', 35],
    ['pct15', 20],
    ['pct20', 15],
    ['off5', 20],
    ['off10', 10],
  ] as const);
  switch (kind) {
    case 'pct10':
      return Math.round(subtotalCents * 0.1);
    case 'pct15':
      return Math.round(subtotalCents * 0.15);
    case 'pct20':
      return Math.round(subtotalCents * 0.2);
    case 'off5':
      return subtotalCents >= 2_000 ? 500 : 0;
    case 'off10':
      return subtotalCents >= 5_000 ? 1_000 : 0;
  }
}
