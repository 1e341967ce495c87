import { describe, expect, it } from 'vitest';
import { CustomerListQuerySchema, parseCustomerListQuery, planCustomerList } from './customer-list-filter';

const parse = (raw: Record<string, string>) => parseCustomerListQuery(raw);

describe('the list query string', () => {
  it('drops empty form fields and coerces numbers', () => {
    expect(parse({ q: '', segment: '', pointsMin: '10', sort: 'points' })).toMatchObject({ sort: 'points', pointsMin: 10, limit: 25 });
    expect(parse({}).q).toBeUndefined();
  });

  it('says what is wrong, as a 400', () => {
    const err = (() => {
      try {
        parse({ q: 'ada', tag: 'vip' });
      } catch (e) {
        return e as { status: number; message: string };
      }
    })();
    expect(err).toMatchObject({ status: 400 });
    expect(err!.message).toMatch(/Search and the tag filter/);
    expect(() => parse({ spendMin: '5', lastOrderFrom: '2030-01-01' })).toThrow(/one range at a time/i);
    expect(() => parse({ spendMin: '-5' })).toThrow(/Minimum spend must be 0 or more/);
    expect(() => parse({ lastOrderFrom: '1/2/2030' })).toThrow(/YYYY-MM-DD/);
    expect(CustomerListQuerySchema.safeParse({ pointsMin: '1', segment: 'VIP' }).success).toBe(true);
  });
});

describe('planCustomerList', () => {
  it('turns a date range into the dispensary’s local midnights, the "to" day included', () => {
    const plan = planCustomerList(parse({ lastOrderFrom: '2030-01-10', lastOrderTo: '2030-01-10', sort: 'name' }), 'America/Detroit', null);
    expect(plan.sort).toBe('recent');
    expect(plan.range).toEqual({ field: 'lastOrderAt', min: new Date('2030-01-10T05:00:00Z'), maxExclusive: new Date('2030-01-11T05:00:00Z') });
  });

  it('orders by the range’s field and puts spend in cents', () => {
    const plan = planCustomerList(parse({ spendMin: '800', segment: 'VIP' }), 'UTC', null);
    expect(plan).toMatchObject({
      sort: 'value',
      order: { field: 'lifetimeValueCents', dir: 'desc' },
      equalities: [{ field: 'segment', op: '==', value: 'VIP' }],
      range: { field: 'lifetimeValueCents', min: 80_000 },
    });
  });

  it('maps each filter to its field, the search and tag as array-contains', () => {
    const plan = planCustomerList(parse({ tag: 'vip', tier: 'gold', emailConsent: 'opted_out', smsConsent: 'unknown', location: 'loc-1' }), 'UTC', null);
    expect(plan.equalities.map((e) => `${e.field} ${e.op} ${e.value}`)).toEqual([
      'tags array-contains vip',
      'loyalty.tierId == gold',
      'consent.email.status == opted_out',
      'consent.sms.status == unknown',
      'homeLocationId == loc-1',
    ]);
    expect(planCustomerList(parse({ q: 'ada' }), 'UTC', 'n:ada').equalities).toEqual([{ field: 'searchKeys', op: 'array-contains', value: 'n:ada' }]);
  });
});
