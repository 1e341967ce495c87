import { describe, expect, it } from 'vitest';
import { slugCandidates, slugFromName, TenantSlugSchema } from './tenant-slug';

describe('tenant slugs', () => {
  it('derives a valid slug from any name', () => {
    expect(slugFromName('Pinecone Provisions (Demo)')).toBe('pinecone-provisions-demo');
    expect(slugFromName('Café Ñice')).toBe('cafe-nice');
    expect(slugFromName('!!')).toBe('shop-x');
    expect(slugFromName('Menu')).toBe('menu-shop');
    for (const name of ['A', 'Ω', 'x'.repeat(200), ' - - ', 'The 420 Shop']) expect(TenantSlugSchema.safeParse(slugFromName(name)).success, name).toBe(true);
  });

  it('numbers the candidates after the first', () => {
    expect(slugCandidates('green', 3)).toEqual(['green', 'green-2', 'green-3']);
  });
});
