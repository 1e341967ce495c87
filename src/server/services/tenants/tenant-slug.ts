import { errors } from '@/domain/errors';
import type { Tenant } from '@/domain/tenant';
import { slugCandidates, slugFromName, TenantSlugSchema } from '@/domain/tenant-slug';
import { firestore } from '../../db/firestore';
import { tenantSlugsCollection } from '../../db/platform-db';
import { tenantsCollection } from '../../db/tenant-db';

/** What a public page may know about the dispensary behind a slug: nothing internal. */
export interface PublicTenant {
  orgId: string;
  slug: string;
  name: string;
  timeZone: string;
}

const publicOf = (t: Tenant, slug: string): PublicTenant => ({ orgId: t.id, slug, name: t.name, timeZone: t.timeZone });

/**
 * Gives a tenant its slug if it has none: the first free candidate from its name (or `preferred`),
 * claimed in tenant_slugs and written on the tenant in one transaction, so two tenants never share
 * one and a tenant never gets two. Returns the slug it has.
 */
export async function ensureTenantSlug(orgId: string, now: Date, preferred?: string): Promise<string> {
  const tenants = tenantsCollection();
  const slugs = tenantSlugsCollection();
  const tenant = await tenants.getOrThrow(orgId);
  if (tenant.slug) return tenant.slug;
  const base = preferred ? TenantSlugSchema.parse(preferred) : slugFromName(tenant.name);
  for (const candidate of [
    ...slugCandidates(base),
    `${base.slice(0, 30)}-${orgId
      .replace(/[^a-z0-9]/gi, '')
      .slice(-6)
      .toLowerCase()}`,
  ]) {
    const claimed = await firestore().runTransaction(async (tx) => {
      const [t, s] = await Promise.all([tx.get(tenants.doc(orgId)), tx.get(slugs.doc(candidate))]);
      const current = t.data();
      if (!current) throw errors.notFound('Dispensary', orgId);
      if (current.slug) return current.slug;
      const holder = s.data();
      if (holder && holder.orgId !== orgId) return null;
      if (!holder) tx.create(slugs.doc(candidate), { id: candidate, orgId, createdAt: now });
      tenants.updateIn(tx, orgId, { slug: candidate, updatedAt: now });
      return candidate;
    });
    if (claimed) return claimed;
  }
  throw errors.conflict('No free public name for this dispensary; choose one by hand.');
}

/** The dispensary behind a public slug; not found for an unknown slug (or one that is malformed). */
export async function resolveTenantSlug(slug: string): Promise<PublicTenant> {
  if (!TenantSlugSchema.safeParse(slug).success) throw errors.notFound('Dispensary');
  const record = await tenantSlugsCollection().get(slug);
  const tenant = record ? await tenantsCollection().get(record.orgId) : null;
  // A slug whose tenant has since taken another is no longer its address.
  if (!record || !tenant || tenant.slug !== slug) throw errors.notFound('Dispensary');
  return publicOf(tenant, slug);
}

/** The tenant's slug, given one first if it had none (tenants made before slugs existed). */
export async function tenantSlugOf(orgId: string, now: Date): Promise<string> {
  return ensureTenantSlug(orgId, now);
}
