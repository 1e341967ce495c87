import { z } from 'zod';
import { AddressSchema, IdSchema, TimeZoneSchema } from './common';

export const TenantSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  /** Default zone for the business when a customer and location give none. */
  timeZone: TimeZoneSchema,
  address: AddressSchema,
  contactEmail: z.email().optional(),
  contactPhone: z.string().optional(),
  demo: z.boolean().default(false),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Tenant = z.infer<typeof TenantSchema>;
