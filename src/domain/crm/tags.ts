import { z } from 'zod';
import { errors } from '../errors';

/** The longest tag a customer can carry (CustomerSchema.tags). */
export const TAG_MAX_LENGTH = 40;
/** Distinct tags a dispensary's registry holds: enough for any real tagging scheme, small enough to be one document. */
export const TAG_REGISTRY_MAX = 500;
/** Tags on one customer. */
export const CUSTOMER_TAGS_MAX = 50;

export const TagInputSchema = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'Enter a tag').max(TAG_MAX_LENGTH, `At most ${TAG_MAX_LENGTH} characters`));

/** Tags compare without case: "VIP" and "vip" are one tag. */
export function tagKey(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * tenants/{orgId}/customer_tags/registry: every tag in use with how many customers carry it, kept
 * in the same transaction as each tag change, so the autocomplete reads one small document instead
 * of scanning customers.
 */
export const TagRegistrySchema = z.object({
  id: z.literal('registry'),
  tags: z.record(z.string(), z.object({ label: z.string().min(1).max(TAG_MAX_LENGTH), count: z.number().int().nonnegative() })),
  updatedAt: z.date(),
});
export type TagRegistry = z.infer<typeof TagRegistrySchema>;
export const TAG_REGISTRY_DOC = 'registry';

/** One tag added or removed by staff: tenants/{orgId}/customers/{id}/tag_history/{id}, shown on the timeline. */
export const TagChangeSchema = z.object({
  id: z.string().min(1),
  tag: z.string().min(1).max(TAG_MAX_LENGTH),
  change: z.enum(['added', 'removed']),
  actorUid: z.string().max(200),
  actorName: z.string().max(120),
  at: z.date(),
});
export type TagChange = z.infer<typeof TagChangeSchema>;

/**
 * Adds `input` to a customer's tags. The registry's spelling wins ("vip" becomes "VIP" when that is
 * how the dispensary already writes it); a tag the customer already has, in any case, is refused.
 */
export function addTag(current: string[], registry: TagRegistry['tags'], input: string): { tags: string[]; label: string; registry: TagRegistry['tags'] } {
  const parsed = TagInputSchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, 'The tag is not valid.');
  const label = registry[tagKey(parsed.data)]?.label ?? parsed.data;
  const key = tagKey(label);
  if (current.some((t) => tagKey(t) === key)) throw errors.conflict(`This customer already has the tag “${label}”.`);
  if (current.length >= CUSTOMER_TAGS_MAX) throw errors.conflict(`A customer can have at most ${CUSTOMER_TAGS_MAX} tags.`);
  const entry = registry[key];
  if (!entry && Object.keys(registry).length >= TAG_REGISTRY_MAX) {
    throw errors.conflict(`Your dispensary already uses ${TAG_REGISTRY_MAX} different tags; reuse one or remove an unused one.`);
  }
  return { tags: [...current, label], label, registry: { ...registry, [key]: { label, count: (entry?.count ?? 0) + 1 } } };
}

/** Removes a tag (any case); a tag the customer does not have is not found. */
export function removeTag(current: string[], registry: TagRegistry['tags'], input: string): { tags: string[]; label: string; registry: TagRegistry['tags'] } {
  const key = tagKey(input);
  const label = current.find((t) => tagKey(t) === key);
  if (!label) throw errors.notFound('Tag');
  const next = { ...registry };
  const entry = next[key];
  // Tags given before the registry existed (sign-up, the seed) were never counted: nothing to take away.
  if (entry && entry.count > 1) next[key] = { ...entry, count: entry.count - 1 };
  else delete next[key];
  return { tags: current.filter((t) => tagKey(t) !== key), label, registry: next };
}

/** The registry's tags for an autocomplete: those starting with `prefix` first, then containing it, most used first. */
export function suggestTags(registry: TagRegistry['tags'], prefix: string, limit = 20): string[] {
  const q = tagKey(prefix);
  const entries = Object.entries(registry).filter(([k]) => !q || k.includes(q));
  entries.sort(([ka, a], [kb, b]) => Number(kb.startsWith(q)) - Number(ka.startsWith(q)) || b.count - a.count || ka.localeCompare(kb));
  return entries.slice(0, limit).map(([, v]) => v.label);
}
