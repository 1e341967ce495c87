import type { ConditionKind, SavedSegmentCondition, SavedSegmentDefinition } from '@/domain/crm/saved-segment';

/**
 * A condition row as the editor holds it: lists as lists, numbers as typed (strings), so a half
 * typed number is not lost. `toCondition` turns it into the API's shape; money is typed in dollars
 * and sent in cents.
 */
export interface ConditionDraft {
  key: number;
  kind: ConditionKind;
  values: string[];
  match: 'any' | 'all' | 'none';
  when: 'within' | 'more_than' | 'never';
  min: string;
  max: string;
  days: string;
  text: string;
}

export const KIND_LABELS: Record<ConditionKind, string> = {
  segment: 'Segment is one of',
  tier: 'Loyalty tier is one of',
  tags: 'Tags',
  points: 'Points balance between',
  spend: 'Lifetime spend between',
  orders: 'Number of orders between',
  average: 'Average order between',
  last_order: 'Last order',
  email_consent: 'Email consent is',
  sms_consent: 'SMS consent is',
  location: 'Home store is one of',
  categories: 'Bought any of these categories',
  joined: 'Joined within',
  birthday_month: 'Birthday month is',
};

/** Conditions that quote spend: the editor offers them to owners and admins only. */
export const REVENUE_KINDS: ConditionKind[] = ['spend', 'average'];

let next = 1;
export function newDraft(kind: ConditionKind = 'segment'): ConditionDraft {
  return { key: next++, kind, values: [], match: 'any', when: 'more_than', min: '', max: '', days: '30', text: '' };
}

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const cents = (s: string): number | null => {
  const n = num(s);
  return n === null ? null : Math.round(n * 100);
};
const dollars = (c: number | null) => (c === null ? '' : String(c / 100));

export function toCondition(d: ConditionDraft): SavedSegmentCondition {
  switch (d.kind) {
    case 'segment':
      return { kind: d.kind, segments: d.values as never };
    case 'tier':
      return { kind: d.kind, tierIds: d.values };
    case 'tags':
      return {
        kind: d.kind,
        match: d.match,
        tags: d.text
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      };
    case 'points':
    case 'orders':
      return { kind: d.kind, min: num(d.min), max: num(d.max) };
    case 'spend':
    case 'average':
      return { kind: d.kind, min: cents(d.min), max: cents(d.max) };
    case 'last_order':
      return { kind: d.kind, when: d.when, days: d.when === 'never' ? null : num(d.days) };
    case 'email_consent':
    case 'sms_consent':
      return { kind: d.kind, statuses: d.values as never };
    case 'location':
      return { kind: d.kind, locationIds: d.values };
    case 'categories':
      return { kind: d.kind, categories: d.values };
    case 'joined':
      return { kind: d.kind, days: num(d.days) ?? 0 };
    case 'birthday_month':
      return { kind: d.kind, months: d.values.map(Number) };
  }
}

export function toDefinition(drafts: ConditionDraft[]): SavedSegmentDefinition {
  return { conditions: drafts.map(toCondition) };
}

/** A saved definition back into rows, for editing. */
export function fromDefinition(def: SavedSegmentDefinition): ConditionDraft[] {
  return def.conditions.map((c) => {
    const d = newDraft(c.kind);
    switch (c.kind) {
      case 'segment':
        return { ...d, values: [...c.segments] };
      case 'tier':
        return { ...d, values: c.tierIds };
      case 'tags':
        return { ...d, match: c.match, text: c.tags.join(', ') };
      case 'points':
      case 'orders':
        return { ...d, min: c.min === null ? '' : String(c.min), max: c.max === null ? '' : String(c.max) };
      case 'spend':
      case 'average':
        return { ...d, min: dollars(c.min), max: dollars(c.max) };
      case 'last_order':
        return { ...d, when: c.when, days: c.days === null ? '' : String(c.days) };
      case 'email_consent':
      case 'sms_consent':
        return { ...d, values: c.statuses };
      case 'location':
        return { ...d, values: c.locationIds };
      case 'categories':
        return { ...d, values: c.categories };
      case 'joined':
        return { ...d, days: String(c.days) };
      case 'birthday_month':
        return { ...d, values: c.months.map(String) };
    }
  });
}
