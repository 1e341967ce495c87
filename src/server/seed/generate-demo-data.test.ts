import { describe, expect, it } from 'vitest';
import { DAY } from '@/domain/clock';
import { DEFAULT_SEGMENT_THRESHOLDS, SEGMENTS, segmentFor } from '@/domain/crm/segments';
import { computeCustomerStats } from '@/domain/customer-stats';
import { ageOn, CustomerSchema, type Customer } from '@/domain/customer';
import { LocationSchema, WEEKDAYS } from '@/domain/location';
import { OrderSchema, type Order } from '@/domain/order';
import { normalizePhone } from '@/domain/phone';
import { ProductSchema } from '@/domain/product';
import { TenantSchema } from '@/domain/tenant';
import { PINECONE, RIVERBEND, type DemoTenantDefinition } from './demo-tenants';
import { generateDemoData, HISTORY_DAYS } from './generate-demo-data';

const NOW = new Date('2026-03-15T18:30:00Z');
const SEED = 7;

const pinecone = generateDemoData({ tenant: PINECONE, now: NOW, seed: SEED });
const riverbend = generateDemoData({ tenant: RIVERBEND, now: NOW, seed: SEED });
const daysAgo = (d: Date) => (NOW.getTime() - d.getTime()) / DAY;
const share = (customers: Customer[], pred: (c: Customer) => boolean) => customers.filter(pred).length / customers.length;

function ordersByCustomer(orders: Order[]): Map<string, Order[]> {
  const map = new Map<string, Order[]>();
  for (const o of orders) map.set(o.customerId!, [...(map.get(o.customerId!) ?? []), o]);
  return map;
}

describe('generateDemoData', () => {
  it('gives identical data for the same seed and now', () => {
    const again = generateDemoData({ tenant: PINECONE, now: NOW, seed: SEED });
    expect(again).toEqual(pinecone);
  });

  it('gives different people for a different seed', () => {
    const other = generateDemoData({ tenant: RIVERBEND, now: NOW, seed: SEED + 1 });
    expect(other.customers.map((c) => c.id)).not.toEqual(riverbend.customers.map((c) => c.id));
    expect(other.customers.map((c) => c.searchName)).not.toEqual(riverbend.customers.map((c) => c.searchName));
  });

  it('keeps ids and counts when only now moves, so a re-seed overwrites instead of adding', () => {
    const later = new Date(NOW.getTime() + 47 * DAY + 5 * 3_600_000);
    const moved = generateDemoData({ tenant: RIVERBEND, now: later, seed: SEED });
    expect(moved.customers.map((c) => c.id)).toEqual(riverbend.customers.map((c) => c.id));
    expect(moved.orders.map((o) => o.id)).toEqual(riverbend.orders.map((o) => o.id));
    expect(moved.products.map((p) => p.id)).toEqual(riverbend.products.map((p) => p.id));
    expect(Math.max(...moved.orders.map((o) => o.placedAt.getTime()))).toBeGreaterThan(NOW.getTime() + 40 * DAY);
  });

  it('has the promised size for each tenant', () => {
    expect(pinecone.customers.length).toBeGreaterThanOrEqual(2_500);
    expect(pinecone.orders.length).toBeGreaterThan(15_000);
    expect(pinecone.products.length).toBe(150);
    expect(pinecone.locations.map((l) => l.timeZone)).toEqual(['America/Detroit', 'America/Menominee']);
    expect(riverbend.customers.length).toBe(60);
    expect(riverbend.products.length).toBe(25);
    expect(riverbend.locations).toHaveLength(1);
    expect(riverbend.orders.length).toBeGreaterThan(200);
  });

  it.each([
    ['pinecone', pinecone],
    ['riverbend', riverbend],
  ])('%s: every document passes its schema', (_, data) => {
    expect(TenantSchema.safeParse(data.tenant).error).toBeUndefined();
    for (const l of data.locations) expect(LocationSchema.safeParse(l).error).toBeUndefined();
    for (const p of data.products) expect(ProductSchema.safeParse(p).error).toBeUndefined();
    const badCustomers = data.customers.filter((c) => !CustomerSchema.safeParse(c).success);
    const badOrders = data.orders.filter((o) => !OrderSchema.safeParse(o).success);
    expect(badCustomers).toEqual([]);
    expect(badOrders).toEqual([]);
  });

  it.each([
    ['pinecone', pinecone],
    ['riverbend', riverbend],
  ])('%s: customer aggregates equal computeCustomerStats of their orders', (_, data) => {
    const byCustomer = ordersByCustomer(data.orders);
    const ids = new Set(data.customers.map((c) => c.id));
    expect([...byCustomer.keys()].every((id) => ids.has(id))).toBe(true);
    for (const c of data.customers) {
      const { lifetimeValueCents, orderCount, avgOrderValueCents, firstOrderAt, lastOrderAt } = c;
      expect({ lifetimeValueCents, orderCount, avgOrderValueCents, firstOrderAt, lastOrderAt }).toEqual(computeCustomerStats(byCustomer.get(c.id) ?? []));
      expect(c.pointsBalance).toBeGreaterThanOrEqual(0);
      expect(c.pointsBalance).toBeLessThanOrEqual(Math.floor(c.lifetimeValueCents / 100));
      // What the profile says they buy is what their completed orders hold, as ingest keeps it.
      const completed = new Set((byCustomer.get(c.id) ?? []).filter((o) => o.status === 'completed').flatMap((o) => o.lineItems.map((li) => li.category)));
      for (const cat of completed) expect(c.categoriesBought).toContain(cat);
      if (!byCustomer.has(c.id)) expect(c.categoriesBought).toEqual([]);
    }
    const withoutOrders = data.customers.filter((c) => !byCustomer.has(c.id));
    expect(withoutOrders.length).toBeGreaterThan(0);
    for (const c of withoutOrders) expect([c.firstOrderAt, c.lastOrderAt, c.orderCount]).toEqual([null, null, 0]);
  });

  it('mixes regulars, lapsed, one-time, new and never-bought customers in plausible shares', () => {
    const cs = pinecone.customers;
    const active = (c: Customer) => c.orderCount >= 2 && !!c.lastOrderAt && daysAgo(c.lastOrderAt) < 60;
    const lapsed = (c: Customer) => c.orderCount >= 2 && !!c.lastOrderAt && daysAgo(c.lastOrderAt) >= 60 && daysAgo(c.lastOrderAt) <= 305;
    const oneTime = (c: Customer) => c.orderCount === 1 && daysAgo(c.createdAt) > 30;
    const isNew = (c: Customer) => daysAgo(c.createdAt) <= 30;
    expect(share(cs, active)).toBeGreaterThan(0.25);
    expect(share(cs, active)).toBeLessThan(0.5);
    expect(share(cs, lapsed)).toBeGreaterThan(0.12);
    expect(share(cs, lapsed)).toBeLessThan(0.35);
    expect(share(cs, oneTime)).toBeGreaterThan(0.12);
    expect(share(cs, oneTime)).toBeLessThan(0.35);
    expect(share(cs, isNew)).toBeGreaterThan(0.05);
    expect(share(cs, isNew)).toBeLessThan(0.25);
    expect(share(cs, (c) => c.orderCount === 0)).toBeGreaterThan(0.02);
    expect(share(cs, (c) => c.orderCount === 0)).toBeLessThan(0.12);
    // Regulars carry the business: the top 15% by value bring in at least 40% of revenue.
    const values = cs.map((c) => c.lifetimeValueCents).sort((a, b) => b - a);
    const total = values.reduce((a, b) => a + b, 0);
    const top = values.slice(0, Math.round(cs.length * 0.15)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.4);
  });

  it('spreads orders over about 18 months, none in the future, all during opening hours', () => {
    const times = pinecone.orders.map((o) => o.placedAt.getTime());
    const oldest = Math.min(...times);
    const newest = Math.max(...times);
    expect(daysAgo(new Date(oldest))).toBeGreaterThan(HISTORY_DAYS - 10);
    expect(daysAgo(new Date(oldest))).toBeLessThan(HISTORY_DAYS + 10);
    expect(newest).toBeLessThanOrEqual(NOW.getTime());
    expect(daysAgo(new Date(newest))).toBeLessThan(2);
    for (const o of pinecone.orders) expect(o.updatedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());

    const locations = new Map(PINECONE.locations.map((l) => [l.id, l]));
    const outside = pinecone.orders.filter((o) => {
      const loc = locations.get(o.locationId!)!;
      const { weekday, minutes } = wallClock(o.placedAt, loc.timeZone);
      return !loc.businessHours[weekday].some((h) => minutes >= toMinutes(h.open) && minutes < toMinutes(h.close));
    });
    expect(outside).toEqual([]);
  });

  it.each([
    ['before opening', '2026-03-16T11:00:00Z'],
    ['mid-afternoon', '2026-03-16T19:00:00Z'],
    ['after closing', '2026-03-17T03:00:00Z'],
  ])('does not crowd the most recent day when now is %s', (_, iso) => {
    const now = new Date(iso);
    const data = generateDemoData({ tenant: PINECONE, now, seed: SEED });
    const perDay = new Array<number>(61).fill(0);
    for (const o of data.orders) {
      const back = Math.floor((now.getTime() - o.placedAt.getTime()) / DAY);
      if (back <= 60) perDay[back]! += 1;
    }
    const typical = [...perDay.slice(1)].sort((a, b) => a - b)[30]!;
    expect(Math.max(perDay[0]!, perDay[1]!)).toBeLessThan(typical * 1.6);
  });

  it('keeps the money on every order consistent', () => {
    const inconsistent = pinecone.orders.filter((o) => {
      const refundOk =
        o.status === 'refunded'
          ? o.refundedCents === o.totalCents
          : o.status === 'partially_refunded'
            ? o.refundedCents > 0 && o.refundedCents < o.totalCents
            : o.refundedCents === 0;
      return !(
        o.lineItems.length > 0 &&
        o.lineItems.every((l) => l.totalCents === l.quantity * l.unitPriceCents) &&
        o.subtotalCents === o.lineItems.reduce((sum, l) => sum + l.totalCents, 0) &&
        o.discountCents < o.subtotalCents &&
        o.totalCents === o.subtotalCents - o.discountCents + o.taxCents &&
        refundOk
      );
    });
    expect(inconsistent).toEqual([]);
    const statusShare = (s: Order['status']) => pinecone.orders.filter((o) => o.status === s).length / pinecone.orders.length;
    expect(statusShare('completed')).toBeGreaterThan(0.9);
    for (const s of ['cancelled', 'refunded', 'partially_refunded'] as const) {
      expect(statusShare(s)).toBeGreaterThan(0.002);
      expect(statusShare(s)).toBeLessThan(0.04);
    }
    expect(pinecone.orders.filter((o) => o.discountCents > 0).length / pinecone.orders.length).toBeGreaterThan(0.08);
    const aov = pinecone.orders.reduce((s, o) => s + o.totalCents, 0) / pinecone.orders.length;
    expect(aov).toBeGreaterThan(3_500);
    expect(aov).toBeLessThan(12_000);
  });

  it.each([
    ['pinecone', pinecone, PINECONE],
    ['riverbend', riverbend, RIVERBEND],
  ] as const)('%s: contact details are plausible, unique and normalised', (_, data, def: DemoTenantDefinition) => {
    const cs = data.customers;
    const emails = cs.flatMap((c) => (c.email ? [c.email] : []));
    const phones = cs.flatMap((c) => (c.phone ? [c.phone] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(phones).size).toBe(phones.length);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9._]+@example\.(com|net|org)$/);
    const areaCodes = new Set(def.locations.flatMap((l) => l.areaCodes.map(([a]) => a)));
    for (const p of phones) {
      expect(normalizePhone(p)).toBe(p);
      expect(areaCodes.has(p.slice(2, 5))).toBe(true);
      expect(p.slice(5, 8)).not.toBe('555');
    }
    if (cs.length > 1000) {
      expect(share(cs, (c) => !c.email)).toBeGreaterThan(0.03);
      expect(share(cs, (c) => !c.phone)).toBeGreaterThan(0.05);
    }
    for (const c of cs) {
      expect(c.email || c.phone).toBeTruthy();
      expect(c.searchName).toBe(`${c.firstName} ${c.lastName}`.toLowerCase());
      expect(def.locations.map((l) => l.id)).toContain(c.homeLocationId);
      expect(c.source).toBe('seed');
      expect(SEGMENTS).toContain(c.segment);
      expect(c.segmentReason).toBe(segmentFor(c, DEFAULT_SEGMENT_THRESHOLDS, NOW).reason);
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (c.firstOrderAt) expect(c.createdAt.getTime()).toBeLessThanOrEqual(c.firstOrderAt.getTime());
      if (c.orderCount > 0) expect(c.externalIds.some((id) => id.startsWith('alleaves:'))).toBe(true);
    }
  });

  it('places the demo customers in most of the nine segments, each with its reason', () => {
    const seen = new Set(pinecone.customers.map((c) => c.segment));
    for (const s of ['New', 'VIP', 'Loyal', 'At Risk', 'Churned', 'Slipping']) expect(seen, s).toContain(s);
  });

  it('has adults 21 to 80, some unknown ages, and a handful of 18-20 year-old medical patients', () => {
    const cs = pinecone.customers;
    const ages = cs.map((c) => (c.dateOfBirth ? ageOn(c.dateOfBirth, NOW, PINECONE.timeZone) : null));
    const minors = cs.filter((_, i) => ages[i] !== null && ages[i]! < 21);
    expect(minors).toHaveLength(PINECONE.underageMedicalCount);
    for (const m of minors) {
      expect(m.tags).toContain('medical');
      expect(ageOn(m.dateOfBirth!, NOW, PINECONE.timeZone)).toBeGreaterThanOrEqual(18);
    }
    const known = ages.filter((a): a is number => a !== null);
    expect(known.filter((a) => a >= 21 && a <= 80).length).toBe(known.length - minors.length);
    expect(share(cs, (c) => c.dateOfBirth === null)).toBeGreaterThan(0.05);
    expect(share(cs, (c) => c.dateOfBirth === null)).toBeLessThan(0.2);
    for (const tag of ['medical', 'veteran', 'senior', 'industry']) {
      expect(share(cs, (c) => c.tags.includes(tag))).toBeGreaterThan(0.005);
      expect(share(cs, (c) => c.tags.includes(tag))).toBeLessThan(0.2);
    }
  });

  it('records consent per channel, with SMS opt-in rarer than email', () => {
    const cs = pinecone.customers;
    const optedIn = (ch: 'email' | 'sms') => share(cs, (c) => c.consent[ch].status === 'opted_in');
    expect(optedIn('email')).toBeGreaterThan(0.3);
    expect(optedIn('sms')).toBeGreaterThan(0.1);
    expect(optedIn('sms')).toBeLessThan(optedIn('email'));
    expect(share(cs, (c) => c.consent.email.status === 'opted_out')).toBeGreaterThan(0.03);
    const sources = new Set(cs.flatMap((c) => [c.consent.email.source, c.consent.sms.source]));
    for (const s of ['pos', 'storefront', 'signup_form']) expect(sources).toContain(s);
    for (const c of cs) {
      if (!c.email) expect(c.consent.email.status).toBe('unknown');
      if (!c.phone) expect(c.consent.sms.status).toBe('unknown');
      for (const ch of ['email', 'sms'] as const) {
        const consent = c.consent[ch];
        if (consent.status === 'unknown') expect(consent.at).toBeNull();
        else {
          expect(consent.at!.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
          expect(consent.at!.getTime()).toBeLessThanOrEqual(NOW.getTime());
        }
      }
    }
    expect(share(cs, (c) => c.externalIds.some((id) => id.startsWith('shopify:')))).toBeGreaterThan(0.1);
  });

  it('stocks a varied menu with some products at or below their low-stock threshold', () => {
    const ps = pinecone.products;
    const categories = new Set(ps.map((p) => p.category));
    expect(categories.size).toBe(9);
    expect(new Set(ps.map((p) => p.sku)).size).toBe(ps.length);
    const low = ps.filter((p) => p.active && Object.values(p.stock).some((n) => n <= p.lowStockThreshold));
    expect(low.length).toBeGreaterThanOrEqual(3);
    expect(low.length).toBeLessThan(ps.length * 0.15);
    expect(riverbend.products.some((p) => p.active && Object.values(p.stock).some((n) => n <= p.lowStockThreshold))).toBe(true);
    for (const p of ps) {
      expect(Object.keys(p.stock).sort()).toEqual(PINECONE.locations.map((l) => l.id).sort());
      if (['flower', 'vape', 'concentrate'].includes(p.category)) expect(p.thcPercent).not.toBeNull();
      if (['edible', 'tincture', 'beverage'].includes(p.category)) expect(p.thcMg).not.toBeNull();
      if (p.category === 'accessory') expect([p.thcPercent, p.thcMg, p.strainType]).toEqual([null, null, 'none']);
    }
    const ids = new Set(ps.map((p) => p.id));
    expect(pinecone.orders.every((o) => o.lineItems.every((l) => ids.has(l.productId!)))).toBe(true);
  });
});

const WEEKDAY_BY_NAME: Record<string, (typeof WEEKDAYS)[number]> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string) {
  if (!formats.has(timeZone))
    formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }));
  const parts = formats.get(timeZone)!.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: WEEKDAY_BY_NAME[get('weekday')]!, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function toMinutes(hhmm: string) {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
