import { z } from 'zod';

/**
 * The public name of a dispensary in its customers' links (/join/{slug}, /my/{slug},
 * /menu/{slug}): lower-case letters, digits and single hyphens, 3 to 40 characters.
 */
export const TenantSlugSchema = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens');
export type TenantSlug = z.infer<typeof TenantSlugSchema>;

/** Words a dispensary's slug may not take: they would read as the product's own pages. */
const RESERVED = new Set(['admin', 'api', 'app', 'bakedbot', 'dashboard', 'join', 'login', 'menu', 'my', 'new', 'settings', 'support', 'www']);

/** The slug a name suggests: "Pinecone Provisions (Demo)" → "pinecone-provisions-demo". */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  const slug = base.length >= 3 ? base : `shop-${base || 'x'}`;
  return RESERVED.has(slug) ? `${slug}-shop` : slug;
}

/** The candidates tried in order when a slug is taken: name, name-2, name-3, ... */
export function slugCandidates(base: string, count = 20): string[] {
  return [base, ...Array.from({ length: count - 1 }, (_, i) => `${base}-${i + 2}`)];
}
