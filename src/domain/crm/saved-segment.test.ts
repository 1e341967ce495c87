import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSavedSegment,
  matchesSavedSegment,
  savedMembership,
  SavedSegmentDefinitionSchema,
  type SavedSegmentCondition,
  type SavedSegmentSubject,
} from './saved-segment';

const NOW = new Date('2026-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

const ada: SavedSegmentSubject = {
  segment: 'VIP',
  loyalty: { tierId: 'gold' },
  tags: ['Medical', 'Edibles fan'],
  pointsBalance: 420,
  lifetimeValueCents: 250_000,
  orderCount: 12,
  avgOrderValueCents: 20_833,
  lastOrderAt: daysAgo(40),
  consent: { email: { status: 'opted_in' }, sms: { status: 'unknown' } },
  homeLocationId: 'loc-a',
  categoriesBought: ['edible', 'flower'],
  createdAt: daysAgo(400),
  dateOfBirth: '1990-03-21',
};

const def = (...conditions: unknown[]) => SavedSegmentDefinitionSchema.parse({ conditions });

describe('matchesSavedSegment', () => {
  it.each<[string, unknown, boolean]>([
    ['segment in', { kind: 'segment', segments: ['VIP', 'Loyal'] }, true],
    ['segment not in', { kind: 'segment', segments: ['Churned'] }, false],
    ['tier in', { kind: 'tier', tierIds: ['gold'] }, true],
    ['tier not in', { kind: 'tier', tierIds: ['silver'] }, false],
    ['any tag, case ignored', { kind: 'tags', match: 'any', tags: ['medical', 'other'] }, true],
    ['all tags, one missing', { kind: 'tags', match: 'all', tags: ['medical', 'other'] }, false],
    ['all tags', { kind: 'tags', match: 'all', tags: ['medical', 'edibles fan'] }, true],
    ['none of tags', { kind: 'tags', match: 'none', tags: ['other'] }, true],
    ['none of tags, has one', { kind: 'tags', match: 'none', tags: ['Medical'] }, false],
    ['points between', { kind: 'points', min: 400, max: 500 }, true],
    ['points above max', { kind: 'points', max: 419 }, false],
    ['spend at least', { kind: 'spend', min: 250_000 }, true],
    ['orders at most', { kind: 'orders', max: 11 }, false],
    ['average between', { kind: 'average', min: 20_000, max: 21_000 }, true],
    ['last order more than 30 days ago', { kind: 'last_order', when: 'more_than', days: 30 }, true],
    ['last order more than 40 days ago (exactly 40)', { kind: 'last_order', when: 'more_than', days: 40 }, false],
    ['last order within 41 days', { kind: 'last_order', when: 'within', days: 41 }, true],
    ['last order within 40 days (exactly 40)', { kind: 'last_order', when: 'within', days: 40 }, false],
    ['never ordered', { kind: 'last_order', when: 'never' }, false],
    ['email opted in', { kind: 'email_consent', statuses: ['opted_in'] }, true],
    ['sms opted in', { kind: 'sms_consent', statuses: ['opted_in'] }, false],
    ['home location', { kind: 'location', locationIds: ['loc-b', 'loc-a'] }, true],
    ['bought any of', { kind: 'categories', categories: ['vape', 'edible'] }, true],
    ['bought none of', { kind: 'categories', categories: ['vape'] }, false],
    ['joined within 30 days', { kind: 'joined', days: 30 }, false],
    ['birthday in March', { kind: 'birthday_month', months: [3] }, true],
    ['birthday in April', { kind: 'birthday_month', months: [4] }, false],
  ])('%s', (_, condition, expected) => {
    expect(matchesSavedSegment(def(condition), ada, NOW)).toBe(expected);
  });

  it('a customer with no orders, categories or birthday', () => {
    const empty: SavedSegmentSubject = { lastOrderAt: null, createdAt: daysAgo(2) };
    expect(matchesSavedSegment(def({ kind: 'last_order', when: 'never' }, { kind: 'joined', days: 7 }), empty, NOW)).toBe(true);
    expect(matchesSavedSegment(def({ kind: 'categories', categories: ['edible'] }), empty, NOW)).toBe(false);
    expect(matchesSavedSegment(def({ kind: 'email_consent', statuses: ['unknown'] }), empty, NOW)).toBe(true);
  });

  it('a merged-away profile is in no segment', () => {
    expect(matchesSavedSegment(def({ kind: 'points', min: 0 }), { ...ada, mergedInto: 'other' }, NOW)).toBe(false);
  });
});

describe('the definition schema', () => {
  it.each<[unknown, string]>([
    [{ conditions: [] }, 'Add at least one condition.'],
    [{ conditions: [{ kind: 'points' }] }, 'Give a lowest or a highest points balance.'],
    [{ conditions: [{ kind: 'spend', min: 500, max: 100 }] }, 'The lowest lifetime spend must not be above the highest.'],
    [{ conditions: [{ kind: 'last_order', when: 'within' }] }, 'Say how many days.'],
    [{ conditions: [{ kind: 'tags', match: 'any', tags: [] }] }, 'Choose at least one tag.'],
    [{ conditions: Array.from({ length: 21 }, () => ({ kind: 'joined', days: 3 })) }, 'A segment has at most 20 conditions.'],
  ])('refuses %j in plain words', (raw, message) => {
    const r = SavedSegmentDefinitionSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
});

describe('describeSavedSegment', () => {
  it('reads as plain words with names, not ids', () => {
    const d = def(
      { kind: 'segment', segments: ['VIP', 'Loyal'] },
      { kind: 'categories', categories: ['edible'] },
      { kind: 'last_order', when: 'more_than', days: 30 },
      { kind: 'tier', tierIds: ['gold'] },
      { kind: 'spend', min: 50_000 },
    );
    expect(describeSavedSegment(d, { tiers: { gold: 'Gold' } })).toBe(
      'VIP or Loyal, bought edibles, last order more than 30 days ago, Gold tier, spent $500 or more',
    );
  });
});

describe('savedMembership', () => {
  const seg = (id: string, c: unknown, archived = false) => ({ id, definition: def(c), archived });
  it('sets, clears and keeps unknown ids; lists only new entries', () => {
    const r = savedMembership(
      ['old-match', 'gone', 'unknown'],
      [seg('old-match', { kind: 'orders', min: 1 }), seg('gone', { kind: 'orders', max: 0 }), seg('new', { kind: 'points', min: 1 })],
      ada,
      NOW,
    );
    expect(r.ids.sort()).toEqual(['new', 'old-match', 'unknown']);
    expect(r.entered).toEqual(['new']);
    expect(r.changed).toBe(true);
  });
  it('an archived segment is cleared', () => {
    expect(savedMembership(['a'], [seg('a', { kind: 'orders', min: 1 }, true)], ada, NOW).ids).toEqual([]);
  });
});

const conditionArb: fc.Arbitrary<SavedSegmentCondition> = fc.oneof(
  fc.record({ kind: fc.constant('points' as const), min: fc.option(fc.integer({ min: 0, max: 1000 })), max: fc.constant(null) }),
  fc.record({ kind: fc.constant('orders' as const), min: fc.constant(null), max: fc.option(fc.integer({ min: 0, max: 20 })) }),
  fc.record({
    kind: fc.constant('tags' as const),
    match: fc.constantFrom('any' as const, 'all' as const, 'none' as const),
    tags: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('last_order' as const),
    when: fc.constantFrom('within' as const, 'more_than' as const),
    days: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant('segment' as const), segments: fc.subarray(['VIP', 'Loyal', 'New'] as const, { minLength: 1 }) }),
) as fc.Arbitrary<SavedSegmentCondition>;
const subjectArb: fc.Arbitrary<SavedSegmentSubject> = fc.record({
  pointsBalance: fc.integer({ min: 0, max: 1000 }),
  orderCount: fc.integer({ min: 0, max: 20 }),
  tags: fc.subarray(['a', 'b', 'c']),
  lastOrderAt: fc.option(fc.integer({ min: 0, max: 500 }).map(daysAgo)),
  segment: fc.constantFrom('VIP', 'Loyal', 'New', null),
});

describe('properties', () => {
  it('adding a condition never grows the audience', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 5 }), conditionArb, fc.array(subjectArb, { maxLength: 30 }), (conds, extra, people) => {
        const narrow = people.filter((p) => matchesSavedSegment({ conditions: [...conds, extra] }, p, NOW)).length;
        const wide = people.filter((p) => matchesSavedSegment({ conditions: conds }, p, NOW)).length;
        expect(narrow).toBeLessThanOrEqual(wide);
      }),
    );
  });
});
