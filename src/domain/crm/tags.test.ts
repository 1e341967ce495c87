import { describe, expect, it } from 'vitest';
import { canDeleteNote } from './notes';
import { addTag, removeTag, suggestTags } from './tags';

describe('tags', () => {
  it('trims, keeps the registry spelling and refuses a duplicate in any case', () => {
    const first = addTag([], {}, '  Medical   card ');
    expect(first.tags).toEqual(['Medical card']);
    expect(first.registry).toEqual({ 'medical card': { label: 'Medical card', count: 1 } });
    expect(addTag([], first.registry, 'MEDICAL CARD').tags).toEqual(['Medical card']);
    expect(() => addTag(first.tags, first.registry, 'medical CARD')).toThrow(/already has/);
    expect(() => addTag([], {}, ' ')).toThrow(/not valid/);
    expect(() => addTag([], {}, 'x'.repeat(41))).toThrow(/not valid/);
  });

  it('removes in any case and counts down, dropping a tag nobody carries', () => {
    const two = { vip: { label: 'VIP', count: 2 } };
    expect(removeTag(['VIP'], two, 'vip')).toEqual({ tags: [], label: 'VIP', registry: { vip: { label: 'VIP', count: 1 } } });
    expect(removeTag(['VIP'], { vip: { label: 'VIP', count: 1 } }, 'VIP').registry).toEqual({});
    expect(() => removeTag(['VIP'], two, 'other')).toThrow(/not found/);
  });

  it('suggests prefix matches first, then by use', () => {
    const registry = { 'big spender': { label: 'Big spender', count: 9 }, bingo: { label: 'Bingo', count: 1 }, vip: { label: 'VIP', count: 3 } };
    expect(suggestTags(registry, 'bi')).toEqual(['Big spender', 'Bingo']);
    expect(suggestTags(registry, 'g')).toEqual(['Big spender', 'Bingo']);
    expect(suggestTags(registry, '')).toEqual(['Big spender', 'VIP', 'Bingo']);
  });
});

describe('canDeleteNote', () => {
  it('lets the author, owners and admins delete; not another budtender', () => {
    const note = { authorUid: 'u1' };
    expect(canDeleteNote({ uid: 'u1', role: 'budtender' }, note)).toBe(true);
    expect(canDeleteNote({ uid: 'u2', role: 'budtender' }, note)).toBe(false);
    expect(canDeleteNote({ uid: 'u2', role: 'admin' }, note)).toBe(true);
    expect(canDeleteNote({ uid: 'u2', role: 'owner' }, note)).toBe(true);
  });
});
