import { describe, expect, it } from 'vitest';
import { SavedSegmentDefinitionSchema } from '@/domain/crm/saved-segment';
import { fromDefinition, newDraft, toDefinition } from './condition-draft';

describe('the editor rows', () => {
  it('turn dollars into cents and back, and a saved definition survives a round trip', () => {
    const def = SavedSegmentDefinitionSchema.parse({
      conditions: [
        { kind: 'spend', min: 50_050, max: null },
        { kind: 'tags', match: 'none', tags: ['Medical', 'Staff'] },
        { kind: 'last_order', when: 'never' },
        { kind: 'birthday_month', months: [3, 12] },
        { kind: 'segment', segments: ['VIP'] },
      ],
    });
    const rows = fromDefinition(def);
    expect(rows[0]).toMatchObject({ min: '500.5', max: '' });
    expect(rows[1]).toMatchObject({ match: 'none', text: 'Medical, Staff' });
    expect(SavedSegmentDefinitionSchema.parse(toDefinition(rows))).toEqual(def);
  });

  it('a half-filled row is sent as is, for the server to explain', () => {
    const row = { ...newDraft('points'), min: '', max: '' };
    expect(SavedSegmentDefinitionSchema.safeParse(toDefinition([row])).error?.issues[0]?.message).toBe('Give a lowest or a highest points balance.');
  });
});
