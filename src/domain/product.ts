import { z } from 'zod';
import { IdSchema } from './common';
import { NonNegativeCentsSchema } from './money';

export const ProductCategorySchema = z.enum(['flower', 'pre_roll', 'vape', 'edible', 'concentrate', 'tincture', 'topical', 'beverage', 'accessory']);
export type ProductCategory = z.infer<typeof ProductCategorySchema>;

export const StrainTypeSchema = z.enum(['indica', 'sativa', 'hybrid', 'cbd', 'none']);
export type StrainType = z.infer<typeof StrainTypeSchema>;

export const ProductSchema = z.object({
  id: IdSchema,
  sku: z.string().min(1),
  name: z.string().min(1),
  brand: z.string().min(1),
  category: ProductCategorySchema,
  strainType: StrainTypeSchema,
  /** Potency as a percentage of weight (flower, vapes, concentrates). */
  thcPercent: z.number().min(0).max(100).nullable(),
  cbdPercent: z.number().min(0).max(100).nullable(),
  /** Potency per package in milligrams (edibles, tinctures, beverages). */
  thcMg: z.number().min(0).nullable(),
  cbdMg: z.number().min(0).nullable(),
  size: z.string(),
  priceCents: NonNegativeCentsSchema,
  /** The dominant terpenes, strongest first (lower-case: myrcene, limonene...); absent when the sender gives none. */
  terpenes: z.array(z.string().min(1).max(40)).max(8).optional(),
  /** Units on hand per location id. */
  stock: z.record(z.string(), z.number().int()),
  lowStockThreshold: z.number().int().nonnegative(),
  active: z.boolean(),
  externalIds: z.array(z.string()),
  // Added by behavioural signals (optional so existing documents and literals stay valid).
  /** When a sender last changed the product; older updates are ignored. */
  sourceUpdatedAt: z.date().nullable().optional(),
  /** Per location, when its stock figure was last reported; older stock updates are ignored. */
  stockUpdatedAt: z.record(z.string(), z.date()).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Product = z.infer<typeof ProductSchema>;

export function totalStock(p: Pick<Product, 'stock'>): number {
  return Object.values(p.stock).reduce((a, b) => a + b, 0);
}
