/**
 * How each field a condition can name reads to a dispensary owner. Paths are written as a
 * condition writes them, with `event.data.` already removed (`event.data.customer.isNew` and
 * `customer.isNew` are the same words). A field missing here is still described: see
 * `fieldWords`, which guesses its kind from its name.
 */

export type FieldKind = 'money' | 'dollars' | 'count' | 'number' | 'date' | 'boolean' | 'text' | 'choice' | 'list';

export interface FieldWords {
  noun: string;
  kind: FieldKind;
  /** Counts: what is counted, singular and plural ("3 orders"). */
  unit?: readonly [string, string];
  /** Yes/no fields: the phrase when true and when false ("a new customer"). */
  yes?: string;
  no?: string;
  /** Choices: how each stored value reads. */
  values?: Readonly<Record<string, string>>;
  /** Lists: the phrase for holding a value, and for not holding it. */
  has?: (value: string) => string;
  hasNot?: (value: string) => string;
}

const CONSENT = { opted_in: 'opted in', opted_out: 'opted out', unknown: 'not yet asked' } as const;
const SOURCES = {
  alleaves: 'Alleaves',
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  standard: 'the standard webhook',
  track_api: 'the tracking API',
  bakedbot: 'BakedBot',
  manual: 'entered by hand',
  import: 'an import',
  seed: 'demo data',
} as const;
const ORDER_STATUS = { pending: 'pending', completed: 'completed', cancelled: 'cancelled', refunded: 'refunded', partially_refunded: 'partly refunded' };

const includes = (what: string) => ({
  has: (v: string) => `${what} includes ${v}`,
  hasNot: (v: string) => `${what} does not include ${v}`,
});

const money = (noun: string): FieldWords => ({ noun, kind: 'money' });
const dollars = (noun: string): FieldWords => ({ noun, kind: 'dollars' });
const date = (noun: string): FieldWords => ({ noun, kind: 'date' });
const text = (noun: string): FieldWords => ({ noun, kind: 'text' });
const count = (noun: string, one: string, many: string): FieldWords => ({ noun, kind: 'count', unit: [one, many] });

function product(prefix: string): Record<string, FieldWords> {
  return {
    [`${prefix}.id`]: text('product'),
    [`${prefix}.externalId`]: text('product id in the store system'),
    [`${prefix}.sku`]: text('SKU'),
    [`${prefix}.name`]: text('product name'),
    [`${prefix}.brand`]: text('brand'),
    [`${prefix}.category`]: text('product category'),
    [`${prefix}.priceCents`]: money('product price'),
    [`${prefix}.price`]: dollars('product price'),
    [`${prefix}.active`]: { noun: 'product on sale', kind: 'boolean', yes: 'the product is on sale', no: 'the product is off sale' },
  };
}

const FIELDS: Record<string, FieldWords> = {
  // The customer's profile as it is now, and the customer as the event described them.
  'customer.id': text('customer'),
  'customer.firstName': text('first name'),
  'customer.lastName': text('last name'),
  'customer.email': text('email address'),
  'customer.phone': text('phone number'),
  'customer.dateOfBirth': date('birthday'),
  'customer.timeZone': text('time zone'),
  'customer.homeLocationId': text('home store'),
  'customer.tags': { noun: 'tags', kind: 'list', has: (v) => `tagged ${v}`, hasNot: (v) => `not tagged ${v}` },
  'customer.externalIds': { noun: 'linked accounts', kind: 'list', ...includes('linked accounts') },
  'customer.lifetimeValueCents': money('lifetime value'),
  'customer.orderCount': count('number of orders', 'order', 'orders'),
  'customer.avgOrderValueCents': money('average order'),
  'customer.firstOrderAt': date('first order'),
  'customer.lastOrderAt': date('last order'),
  'customer.pointsBalance': count('points balance', 'point', 'points'),
  'customer.segment': text('segment'),
  'customer.source': { noun: 'where the customer came from', kind: 'choice', values: SOURCES },
  'customer.consent.email.status': { noun: 'email consent', kind: 'choice', values: CONSENT },
  'customer.consent.sms.status': { noun: 'text message consent', kind: 'choice', values: CONSENT },
  'customer.emailConsent': { noun: 'email consent', kind: 'choice', values: CONSENT },
  'customer.smsConsent': { noun: 'text message consent', kind: 'choice', values: CONSENT },
  'customer.emailUndeliverable': text('email bounce'),
  'customer.lastEmailOpenAt': date('last email opened'),
  'customer.lastEmailClickAt': date('last email link clicked'),
  'customer.lastSmsClickAt': date('last text message link clicked'),
  'customer.createdAt': date('profile created'),
  'customer.updatedAt': date('profile last changed'),
  'customer.isNew': { noun: 'new customer', kind: 'boolean', yes: 'a new customer', no: 'a returning customer' },

  'order.id': text('order'),
  'order.externalId': text('order id in the store system'),
  'order.number': text('order number'),
  'order.source': { noun: 'order source', kind: 'choice', values: SOURCES },
  'order.status': { noun: 'order status', kind: 'choice', values: ORDER_STATUS },
  previousStatus: { noun: 'previous order status', kind: 'choice', values: ORDER_STATUS },
  'order.locationId': text('store'),
  'order.placedAt': date('order placed'),
  'order.itemCount': count('number of items in the order', 'item', 'items'),
  'order.lineItems': { noun: 'order lines', kind: 'list', ...includes('order') },
  'order.categories': { noun: 'order categories', kind: 'list', has: (v) => `order includes ${v} products`, hasNot: (v) => `order has no ${v} products` },
  'order.skus': { noun: 'order SKUs', kind: 'list', has: (v) => `order includes SKU ${v}`, hasNot: (v) => `order does not include SKU ${v}` },
  'order.productIds': { noun: 'order products', kind: 'list', has: (v) => `order includes product ${v}`, hasNot: (v) => `order does not include product ${v}` },
  'order.subtotalCents': money('order subtotal'),
  'order.discountCents': money('order discount'),
  'order.taxCents': money('order tax'),
  'order.totalCents': money('order total'),
  'order.total': dollars('order total'),
  'order.refundedCents': money('amount refunded'),
  'order.checkoutToken': text('checkout'),

  'refund.externalId': text('refund'),
  'refund.amountCents': money('refund'),
  'refund.amount': dollars('refund'),
  'refund.reason': text('refund reason'),
  'refund.refundedAt': date('refunded'),

  'checkout.token': text('checkout'),
  'checkout.email': text('checkout email address'),
  'checkout.phone': text('checkout phone number'),
  'checkout.itemCount': count('number of items in the checkout', 'item', 'items'),
  'checkout.lineItems': { noun: 'checkout lines', kind: 'list', ...includes('checkout') },
  'checkout.categories': {
    noun: 'checkout categories',
    kind: 'list',
    has: (v) => `checkout includes ${v} products`,
    hasNot: (v) => `checkout has no ${v} products`,
  },
  'checkout.totalCents': money('checkout total'),
  'checkout.total': dollars('checkout total'),
  'checkout.recoveryUrl': text('link back to the checkout'),
  'checkout.startedAt': date('checkout started'),
  delayMinutes: { noun: 'minutes since the checkout', kind: 'count' },

  ...product('product'),
  quantity: { noun: 'quantity', kind: 'count' },
  previousQuantity: { noun: 'previous quantity', kind: 'count' },
  lowStockThreshold: { noun: 'low-stock level', kind: 'count' },
  locationId: text('store'),
  cartId: text('cart'),
  'menu.name': text('menu'),
  query: text('search words'),
  resultCount: count('number of search results', 'result', 'results'),
  rating: count('rating', 'star', 'stars'),
  title: text('review title'),
  body: text('review text'),
  'context.url': text('page address'),
  'context.locationId': text('store'),
  'context.anonymousId': text('visitor'),

  // Loyalty events (points earned, tier changed, points expiring, birthday, anniversary).
  points: count('points', 'point', 'points'),
  type: {
    noun: 'what earned the points',
    kind: 'choice',
    values: {
      earn: 'an order',
      referral: 'a referral',
      birthday: 'a birthday bonus',
      anniversary: 'an anniversary bonus',
      bonus: 'a playbook bonus',
      opening_balance: 'a balance brought over',
      adjust: 'a staff adjustment',
    },
  },
  orderId: text('order'),
  'loyalty.available': count('points to spend', 'point to spend', 'points to spend'),
  'loyalty.pending': count('pending points', 'pending point', 'pending points'),
  'loyalty.tierId': text('tier'),
  'loyalty.tierName': text('tier name'),
  direction: { noun: 'tier change', kind: 'choice', values: { joined: 'a first tier', up: 'up', down: 'down' } },
  'from.id': text('previous tier'),
  'from.name': text('previous tier name'),
  'to.id': text('new tier'),
  'to.name': text('new tier name'),
  expiresAt: date('points expire'),
  daysLeft: count('days left before the points expire', 'day left', 'days left'),
  pointsAwarded: count('bonus points for the day', 'bonus point', 'bonus points'),
  years: count('years since joining', 'year since joining', 'years since joining'),

  'event.name': text('event'),
  'event.id': text('event id'),
  'event.occurredAt': date('event'),
  'event.source': { noun: 'where the event came from', kind: 'choice', values: SOURCES },
};

/** Stock events name the shelf's quantity; elsewhere `quantity` is how many were added or taken out. */
const STOCK_FIELDS: Record<string, FieldWords> = {
  quantity: { noun: 'stock', kind: 'count' },
  previousQuantity: { noun: 'stock before the change', kind: 'count' },
};

function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A field nobody described: its kind from its name (`…Cents` money, `…At` a date, `is…` yes/no), its words from its parts. */
function guessed(segments: string[]): FieldWords {
  if (segments[0] === 'vars' && segments.length > 1) return text(`the run's saved value “${segments.slice(1).join('.')}”`);
  const last = segments.at(-1) ?? '';
  const parent = segments.length > 1 && segments[0] !== 'customer' ? `${words(segments.at(-2)!)} ` : '';
  if (/.Cents$/.test(last)) return money(`${parent}${words(last.slice(0, -5))}`);
  if (/.At$/.test(last)) return date(`${parent}${words(last.slice(0, -2))}`);
  const flag = /^(is|has)([A-Z].*)$/.exec(last);
  if (flag) {
    const what = words(flag[2]!);
    const subject = parent ? `the ${parent.trim()}` : 'it';
    return flag[1] === 'is'
      ? { noun: `${parent}${what}`, kind: 'boolean', yes: `${subject} is ${what}`, no: `${subject} is not ${what}` }
      : { noun: `${parent}${what}`, kind: 'boolean', yes: `${subject} has ${what}`, no: `${subject} has no ${what}` };
  }
  return { noun: `${parent}${words(last)}`, kind: 'text' };
}

/** A path as the engine resolves it, without the `event.data.` prefix that names the same field. */
export function fieldKey(segments: readonly string[]): string[] {
  return segments[0] === 'event' && segments[1] === 'data' && segments.length > 2 ? segments.slice(2) : [...segments];
}

/** The words for a field path (`order.totalCents`, `event.data.customer.isNew`, `quantity`). */
export function fieldWords(segments: readonly string[], options: { eventName?: string } = {}): FieldWords {
  const key = fieldKey(segments);
  const joined = key.join('.');
  if (options.eventName?.startsWith('inventory.') && STOCK_FIELDS[joined]) return STOCK_FIELDS[joined];
  return FIELDS[joined] ?? guessed(key);
}
