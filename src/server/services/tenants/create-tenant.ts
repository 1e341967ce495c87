import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '@/domain/clock';
import { AddressSchema, IdSchema, TimeZoneSchema } from '@/domain/common';
import { REGISTRY_STATE_DOC } from '@/domain/playbooks/registry';
import { IDENTITY_INDEX_DOC } from '@/domain/signals/records';
import { LOYALTY_DAY_STATE_DOC } from '@/domain/loyalty/daily';
import type { Tenant } from '@/domain/tenant';
import { TenantSlugSchema } from '@/domain/tenant-slug';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { seedDefaultTemplates } from '../../seed/seed-templates';
import { ensureTenantSlug } from './tenant-slug';

export const CreateTenantInputSchema = z.object({
  id: IdSchema.optional(),
  name: z.string().trim().min(1).max(120),
  timeZone: TimeZoneSchema.default('America/New_York'),
  address: AddressSchema.default({ line1: '1 Main St', city: 'Detroit', region: 'MI', postalCode: '48226', country: 'US' }),
  contactEmail: z.email().optional(),
  contactPhone: z.string().optional(),
  demo: z.boolean().default(false),
  /** The public name in customers' links; derived from the name (made unique) when not given. */
  slug: TenantSlugSchema.optional(),
});
export type CreateTenantInput = z.input<typeof CreateTenantInputSchema>;

export function newTenantId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'tenant';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}

/** Creates a tenant (a dispensary). Platform-level: used by the admin CLI and the seed. */
export async function createTenant(deps: { clock: Clock }, input: CreateTenantInput): Promise<Tenant> {
  const data = CreateTenantInputSchema.parse(input);
  const now = deps.clock.now();
  const { slug, ...fields } = data;
  const created = await tenantsCollection().create({ ...fields, id: data.id ?? newTenantId(data.name), createdAt: now, updatedAt: now });
  const tenant = { ...created, slug: await ensureTenantSlug(created.id, now, slug) };
  // A new dispensary has no playbooks (nothing to dispatch an event to) and no customer whose keys
  // its identity documents miss: processing can rely on both (docs/performance.md).
  const tdb = tenantDb(tenant.id);
  const batch = firestore().batch();
  batch.set(tdb.registryState.doc(REGISTRY_STATE_DOC), { id: REGISTRY_STATE_DOC, version: 0, exitEvents: [], awaitedEvents: [], updatedAt: now });
  batch.set(tdb.identityIndex.doc(IDENTITY_INDEX_DOC), { id: IDENTITY_INDEX_DOC, complete: true, updatedAt: now });
  // Its loyalty days (birthdays, anniversaries, expiry reminders) start at its first local midnight.
  batch.set(tdb.loyaltyDayState.doc(LOYALTY_DAY_STATE_DOC), {
    id: LOYALTY_DAY_STATE_DOC,
    zones: [tenant.timeZone],
    lastDates: {},
    nextRunAt: now,
    updatedAt: now,
  });
  await batch.commit();
  await seedDefaultTemplates(tenant.id, now);
  return tenant;
}
