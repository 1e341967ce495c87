import { z } from 'zod';
import { AddressSchema, IdSchema, TimeZoneSchema } from './common';
import { TenantSlugSchema } from './tenant-slug';

export const TenantSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  /** Default zone for the business when a customer and location give none. */
  timeZone: TimeZoneSchema,
  address: AddressSchema,
  contactEmail: z.email().optional(),
  contactPhone: z.string().optional(),
  demo: z.boolean().default(false),
  /** The public name in customers' links (/join/{slug}); unique, claimed in tenant_slugs. Absent on tenants made before it, until first needed. */
  slug: TenantSlugSchema.optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Tenant = z.infer<typeof TenantSchema>;
