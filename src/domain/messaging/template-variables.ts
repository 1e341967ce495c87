import { ageOn, type Customer } from '../customer';
import type { Order } from '../order';
import type { MessagingSettings } from './settings';

export interface VariableDoc {
  path: string;
  description: string;
  example: unknown;
  /** Filled from the customer and dispensary on every send; others come from the caller (playbook, staff). */
  always: boolean;
}

/** Every variable a template may use. Anything else is an error when the template is saved. */
export const TEMPLATE_VARIABLES: readonly VariableDoc[] = [
  { path: 'customer.first_name', description: 'First name (may be empty: use | default: "there")', example: 'Jamie', always: true },
  { path: 'customer.last_name', description: 'Last name', example: 'Rivera', always: true },
  { path: 'customer.full_name', description: 'First and last name', example: 'Jamie Rivera', always: true },
  { path: 'customer.email', description: 'Email address', example: 'jamie@example.com', always: true },
  { path: 'customer.phone', description: 'Phone number', example: '+13135550123', always: true },
  { path: 'customer.birthday', description: 'Date of birth, YYYY-MM-DD (may be empty)', example: '1990-04-21', always: true },
  { path: 'customer.age', description: 'Age in years (may be empty)', example: 34, always: true },
  { path: 'customer.order_count', description: 'Completed orders', example: 7, always: true },
  { path: 'customer.segment', description: 'Segment (VIP, Loyal, At risk...; may be empty)', example: 'VIP', always: true },
  { path: 'loyalty.points', description: 'Points they can spend now', example: 420, always: true },
  { path: 'loyalty.pending', description: 'Points earned but not spendable yet (return window)', example: 0, always: true },
  { path: 'loyalty.expiring_points', description: 'Points that expire in the next 30 days (0 when none)', example: 120, always: true },
  {
    path: 'loyalty.expires_on',
    description: 'The last day the next expiring points can be spent, e.g. "Jun 30, 2026" (may be empty)',
    example: 'Jun 30, 2026',
    always: true,
  },
  { path: 'loyalty.tier', description: 'Loyalty tier name (may be empty)', example: 'Gold', always: true },
  { path: 'dispensary.name', description: 'Dispensary name', example: 'Pinecone Provisions', always: true },
  { path: 'dispensary.address', description: 'Postal address', example: '1200 Woodward Ave, Detroit, MI 48226', always: true },
  { path: 'dispensary.phone', description: 'Contact phone (may be empty)', example: '(313) 555-0100', always: true },
  { path: 'dispensary.email', description: 'Contact email (may be empty)', example: 'hello@pinecone.example', always: true },
  {
    path: 'unsubscribe_url',
    description: 'One-click unsubscribe link (email; the footer has one already)',
    example: 'https://app.bakedbot.ai/unsubscribe/…',
    always: true,
  },
  { path: 'order.id', description: 'Order id', example: 'ord_1042', always: false },
  { path: 'order.total', description: 'Order total in cents: use | money', example: 5425, always: false },
  { path: 'order.subtotal', description: 'Subtotal in cents: use | money', example: 4900, always: false },
  { path: 'order.item_count', description: 'Number of items', example: 3, always: false },
  {
    path: 'order.items',
    description: 'Line items: {% for item in order.items %}{{ item.name }}{% endfor %}',
    example: [{ name: 'Blue Dream 3.5g', quantity: 1, total: 3500 }],
    always: false,
  },
  { path: 'order.points_earned', description: 'Points earned on this order', example: 54, always: false },
  { path: 'order.placed_at', description: 'When it was placed: use | date: "%b %e"', example: '2026-05-01T18:30:00.000Z', always: false },
  { path: 'cart.url', description: 'Link back to the saved cart', example: 'https://shop.example/cart/abc', always: false },
  { path: 'cart.total', description: 'Cart value in cents: use | money', example: 6200, always: false },
  { path: 'cart.item_count', description: 'Items in the cart', example: 2, always: false },
  { path: 'product.name', description: 'Product name (restock notices)', example: 'Gelato #41 Pre-roll', always: false },
  { path: 'product.brand', description: 'Brand', example: 'Great Lakes Growers', always: false },
  { path: 'product.url', description: 'Link to the product', example: 'https://shop.example/p/gelato-41', always: false },
  { path: 'offer.code', description: 'Discount code', example: 'WELCOME10', always: false },
  { path: 'offer.description', description: 'What the offer is', example: '10% off your next order', always: false },
  { path: 'offer.expires', description: 'When the offer ends', example: 'May 31', always: false },
  { path: 'review.url', description: 'Where to leave a review', example: 'https://g.page/r/pinecone/review', always: false },
  { path: 'shop.url', description: 'The online menu', example: 'https://shop.example', always: false },
  {
    path: 'recommendations',
    description:
      'Products Smokey picked (after a "Smokey suggests products" step): {% for p in recommendations %}<a href="{{ p.url }}">{{ p.name }}</a> {{ p.price | money }}: {{ p.reason }}{% endfor %}',
    example: [
      {
        name: 'Blackberry Indica Gummies 100mg',
        brand: 'Orchard Chews',
        category: 'Edibles',
        price: 2000,
        reason: 'Buys indica edibles; this one is new and in stock at their store',
        url: 'https://app.bakedbot.ai/menu/pinecone#product-prd_123',
      },
    ],
    always: false,
  },
];

/** A context holding every documented variable, for validation at save time and previews. */
export function sampleContext(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of TEMPLATE_VARIABLES) setPath(out, v.path, v.example);
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** The variables every send has: who the customer is and who the dispensary is. */
export function baseContext(opts: {
  customer: Pick<Customer, 'firstName' | 'lastName' | 'email' | 'phone' | 'dateOfBirth' | 'orderCount' | 'segment' | 'pointsBalance'> &
    Partial<Pick<Customer, 'loyalty'>>;
  settings: Pick<MessagingSettings, 'footer' | 'contact'>;
  unsubscribeUrl: string;
  now: Date;
  timeZone: string;
}): Record<string, unknown> {
  const c = opts.customer;
  return {
    customer: {
      first_name: c.firstName,
      last_name: c.lastName,
      full_name: `${c.firstName} ${c.lastName}`.trim(),
      email: c.email ?? '',
      phone: c.phone ?? '',
      birthday: c.dateOfBirth ?? '',
      age: c.dateOfBirth ? ageOn(c.dateOfBirth, opts.now, opts.timeZone) : '',
      order_count: c.orderCount,
      segment: c.segment ?? '',
    },
    loyalty: loyaltyVariables(c, opts.timeZone),
    dispensary: {
      name: opts.settings.footer.businessName,
      address: opts.settings.footer.address,
      phone: opts.settings.contact.phone ?? '',
      email: opts.settings.contact.email ?? '',
    },
    unsubscribe_url: opts.unsubscribeUrl,
  };
}

/** A day as a customer reads it in a message: "Jun 30, 2026", in the dispensary's zone. */
export function dayWords(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

/** The points a template can name, from the profile's summary of the ledger (kept with every line). */
function loyaltyVariables(c: Pick<Customer, 'pointsBalance'> & Partial<Pick<Customer, 'loyalty'>>, timeZone: string): Record<string, unknown> {
  const l = c.loyalty;
  return {
    points: c.pointsBalance,
    pending: l?.pending ?? 0,
    expiring_points: l?.expiringSoon ?? 0,
    // Points expire at the midnight that ends their last day: name that day, not the next.
    expires_on: l?.nextExpiryAt ? dayWords(new Date(l.nextExpiryAt.getTime() - 1), timeZone) : '',
    tier: l?.tierName ?? '',
  };
}

/** Turns an order into template variables (for playbook steps that react to order.created). */
export function orderVariables(
  order: Pick<Order, 'id' | 'totalCents' | 'subtotalCents' | 'lineItems' | 'placedAt'>,
  pointsEarned = 0,
): Record<string, unknown> {
  return {
    id: order.id,
    total: order.totalCents,
    subtotal: order.subtotalCents,
    item_count: order.lineItems.reduce((n, li) => n + li.quantity, 0),
    items: order.lineItems.map((li) => ({ name: li.name, quantity: li.quantity, total: li.totalCents })),
    points_earned: pointsEarned,
    placed_at: order.placedAt.toISOString(),
  };
}

/** Caller variables cannot replace who the customer or dispensary is. */
export const RESERVED_VARIABLE_ROOTS = ['customer', 'loyalty', 'dispensary', 'unsubscribe_url'] as const;

export function mergeContext(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if ((RESERVED_VARIABLE_ROOTS as readonly string[]).includes(k)) continue;
    out[k] = v;
  }
  return out;
}
