import { Faker, base, en, en_US } from '@faker-js/faker';
import { DAY, MINUTE } from '@/domain/clock';
import { DEFAULT_SEGMENT_THRESHOLDS, segmentFor } from '@/domain/crm/segments';
import { computeCustomerStats } from '@/domain/customer-stats';
import { categoriesOfOrders } from '@/domain/crm/categories-bought';
import { searchNameOf, type Customer } from '@/domain/customer';
import type { Location } from '@/domain/location';
import type { Order } from '@/domain/order';
import type { Product } from '@/domain/product';
import type { Tenant } from '@/domain/tenant';
import { generateCatalog } from './demo-catalog';
import { daysBackToLastClose, localDayBefore, zonedTime } from './demo-local-time';
import { buildOrder, menuByCategory, SALES_MIX } from './demo-orders';
import { generateConsent, generatePerson, type ConsentChannelSource } from './demo-people';
import { apportion, Rng } from './demo-random';
import type { DemoLocationDefinition, DemoTenantDefinition } from './demo-tenants';

/** How far back the order history reaches: about 18 months. */
export const HISTORY_DAYS = 540;

export type Archetype = 'regular' | 'occasional' | 'lapsed' | 'one_time' | 'new' | 'signup_only';

export const ARCHETYPE_MIX: ReadonlyArray<readonly [Archetype, number]> = [
  ['regular', 13],
  ['occasional', 28],
  ['lapsed', 22],
  ['one_time', 24],
  ['new', 7],
  ['signup_only', 6],
];

export interface GenerateDemoDataInput {
  tenant: DemoTenantDefinition;
  now: Date;
  seed: number;
}

export interface DemoData {
  tenant: Tenant;
  locations: Location[];
  products: Product[];
  customers: Customer[];
  orders: Order[];
}

/**
 * Builds one demo tenant's data. Pure apart from faker, and every random draw comes from the
 * seed alone: `now` only places the history in time, so two runs with the same seed produce the
 * same ids and counts (a re-seed overwrites, never duplicates) and the same seed and `now`
 * produce identical data.
 */
export function generateDemoData({ tenant: def, now, seed }: GenerateDemoDataInput): DemoData {
  const root = new Rng(`${seed}:${def.id}`);
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(root.int(0, 2 ** 31 - 1));
  const catalogRng = root.fork('catalog');
  const peopleRng = root.fork('people');
  const orderRng = root.fork('orders');

  const openedAt = new Date(now.getTime() - (HISTORY_DAYS + 20) * DAY);
  const tenant: Tenant = {
    id: def.id,
    name: def.name,
    timeZone: def.timeZone,
    address: def.address,
    contactEmail: def.contactEmail,
    contactPhone: def.locations[0]?.phone,
    demo: true,
    slug: def.slug,
    createdAt: openedAt,
    updatedAt: now,
  };
  const locations: Location[] = def.locations.map((l) => ({
    id: l.id,
    name: l.name,
    address: l.address,
    timeZone: l.timeZone,
    phone: l.phone,
    businessHours: l.businessHours,
    // The demo POS (docs/webhooks.md samples) names its stores by these ids.
    externalIds: [`alleaves:${l.id}`],
    archivedAt: null,
    createdAt: openedAt,
    updatedAt: now,
  }));
  const products = generateCatalog(catalogRng, { count: def.productCount, skuPrefix: def.skuPrefix, locationIds: def.locations.map((l) => l.id), now });
  const menu = menuByCategory(products);
  const lastClose = new Map(def.locations.map((l) => [l.id, daysBackToLastClose(l.timeZone, l.businessHours, now)]));

  const archetypes = peopleRng.shuffle(apportion(def.customerCount, ARCHETYPE_MIX).flatMap(([a, n]) => Array<Archetype>(n).fill(a)));
  const takenEmails = new Set<string>();
  const takenPhones = new Set<string>();
  const customers: Customer[] = [];
  const orders: Order[] = [];

  archetypes.forEach((archetype, i) => {
    const home = peopleRng.weighted(def.locations.map((l) => [l, l.customerShare] as const));
    const online = peopleRng.chance(archetype === 'signup_only' ? 0.5 : 0.25);
    const person = generatePerson(faker, peopleRng, { now, home, underageMedical: i < def.underageMedicalCount, needsEmail: online, takenEmails, takenPhones });
    const plan = planVisits(orderRng, archetype);
    const customerId = peopleRng.id();
    const favourites = [orderRng.weighted(SALES_MIX), orderRng.weighted(SALES_MIX)];

    const mine: Order[] = plan.orderDaysAgo.map((daysAgo, n) =>
      buildOrder(orderRng, {
        id: orderRng.id(),
        customerId,
        location: def.locations.length > 1 && orderRng.chance(0.08) ? orderRng.pick(def.locations.filter((l) => l !== home)) : home,
        daysAgo,
        now,
        lastClose,
        menu,
        favourites,
        bigBasket: archetype === 'regular',
        taxRateBps: def.taxRateBps,
        // The first and last purchase always stand, so each archetype keeps its shape.
        mayGoWrong: n > 0 && n < plan.orderDaysAgo.length - 1,
        isLast: n === plan.orderDaysAgo.length - 1,
      }),
    );
    orders.push(...mine);

    const firstPlacedAt = mine.length ? Math.min(...mine.map((o) => o.placedAt.getTime())) : null;
    const createdAt = customerCreatedAt(peopleRng, { archetype, plan, firstPlacedAt, home, now, online });
    const stats = computeCustomerStats(mine);
    // The demo's programme is the default one (demo-loyalty.ts), so are its segment thresholds.
    const placed = segmentFor(stats, DEFAULT_SEGMENT_THRESHOLDS, now);
    const consentSource: ConsentChannelSource = online ? 'storefront' : archetype === 'signup_only' ? 'signup_form' : 'pos';
    const earned = Math.floor(stats.lifetimeValueCents / 100);
    const redeemed = stats.orderCount >= 3 && peopleRng.chance(0.5) ? Math.floor((earned * peopleRng.float(0.2, 0.8)) / 50) * 50 : 0;
    const externalIds: string[] = [];
    if (mine.length) externalIds.push(`alleaves:${peopleRng.int(1_000_000, 9_999_999)}`);
    if (online) externalIds.push(`shopify:${peopleRng.int(6_000_000, 9_999_999)}${String(peopleRng.int(0, 999_999)).padStart(6, '0')}`);

    customers.push({
      id: customerId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      phone: person.phone,
      dateOfBirth: person.dateOfBirth,
      timeZone: peopleRng.chance(0.85) ? home.timeZone : null,
      homeLocationId: home.id,
      searchName: searchNameOf(person.firstName, person.lastName),
      tags: person.tags,
      externalIds,
      consent: {
        email: generateConsent(peopleRng, { channel: 'email', hasContact: !!person.email, source: consentSource, createdAt, now }),
        sms: generateConsent(peopleRng, {
          channel: 'sms',
          hasContact: !!person.phone,
          source: consentSource === 'storefront' ? 'pos' : consentSource,
          createdAt,
          now,
        }),
      },
      ...stats,
      // By the order pipeline's rule: every paid order's categories, refunded or not.
      categoriesBought: categoriesOfOrders(mine),
      pointsBalance: earned - redeemed,
      segment: placed.segment,
      segmentReason: placed.reason,
      // When they entered it is not in the history; the seed placed them now.
      segmentSince: now,
      source: 'seed',
      createdAt,
      updatedAt: now,
    });
  });

  return { tenant, locations, products, customers, orders };
}

interface VisitPlan {
  /** Days before today of each order, oldest first. */
  orderDaysAgo: number[];
  /** For customers who never bought: days before today they signed up. */
  signupDaysAgo: number;
}

/** When a customer of each archetype shops. Draws depend on nothing but the generator. */
function planVisits(rng: Rng, archetype: Archetype): VisitPlan {
  const cadence = (start: number, stopAfter: number, meanGap: number) => {
    const days: number[] = [];
    for (let d = start; d > stopAfter; d -= Math.max(1, Math.round(meanGap * rng.float(0.6, 1.4)))) days.push(d);
    return days;
  };
  switch (archetype) {
    case 'regular': {
      // Most regulars were already regulars when the history starts.
      const start = HISTORY_DAYS - Math.floor(rng.next() ** 3 * 420);
      return { orderDaysAgo: cadence(start, -1, rng.float(6, 14)), signupDaysAgo: 0 };
    }
    case 'occasional':
      return { orderDaysAgo: cadence(HISTORY_DAYS - Math.floor(rng.next() ** 2 * 450), -1, rng.float(21, 45)), signupDaysAgo: 0 };
    case 'lapsed': {
      // Half "at risk" (60 to 120 days quiet), half churned (up to 300).
      const last = rng.chance(0.5) ? rng.int(60, 120) : rng.int(121, 300);
      const start = Math.min(HISTORY_DAYS, last + rng.int(45, 480));
      return { orderDaysAgo: [...cadence(start, last, rng.float(10, 35)), last], signupDaysAgo: 0 };
    }
    case 'one_time':
      return { orderDaysAgo: [rng.int(31, HISTORY_DAYS)], signupDaysAgo: 0 };
    case 'new': {
      const joined = rng.int(0, 27);
      const count = rng.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ] as const);
      const later = Array.from({ length: count - 1 }, () => rng.int(0, joined)).sort((a, b) => b - a);
      return { orderDaysAgo: [joined, ...later], signupDaysAgo: 0 };
    }
    case 'signup_only':
      return { orderDaysAgo: [], signupDaysAgo: rng.chance(0.4) ? rng.int(0, 29) : rng.int(30, HISTORY_DAYS) };
  }
}

function customerCreatedAt(
  rng: Rng,
  a: { archetype: Archetype; plan: VisitPlan; firstPlacedAt: number | null; home: DemoLocationDefinition; now: Date; online: boolean },
): Date {
  const imported = rng.chance(0.5);
  const olderDays = rng.int(30, 900);
  const leadDays = rng.int(1, 20);
  const minutes = rng.int(1, 15);
  const signupMinute = rng.int(7 * 60, 23 * 60);
  if (a.firstPlacedAt === null) {
    let t = zonedTime(a.home.timeZone, localDayBefore(a.home.timeZone, a.now, a.plan.signupDaysAgo), signupMinute);
    if (t > a.now) t = new Date(t.getTime() - DAY);
    return t;
  }
  const first = a.firstPlacedAt;
  // Regulars at the start of the history were customers before it: their profile is older.
  if ((a.archetype === 'regular' || a.archetype === 'occasional') && a.plan.orderDaysAgo[0]! > HISTORY_DAYS - 60 && imported) {
    return new Date(first - olderDays * DAY);
  }
  // Online shoppers often make an account a little before their first pickup.
  if (a.online && a.archetype !== 'new') return new Date(first - leadDays * DAY);
  // At the till the profile is made moments before the sale.
  return new Date(first - minutes * MINUTE);
}
