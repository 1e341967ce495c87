import { z } from 'zod';
import { categoryLabel } from '@/domain/crm/categories-bought';
import type { ServiceContext } from '../../context';
import { smokeyCatalog } from './smokey-catalog';

export const FindProductsQuerySchema = z.object({
  q: z.string().trim().min(1, 'Type part of a product or brand name').max(80, 'Keep the search under 80 characters'),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export interface ProductMatch {
  id: string;
  name: string;
  brand: string;
  categoryLabel: string;
  priceCents: number;
  /** Units on hand over every store; 0: sold out everywhere. */
  stock: number;
}

/** Case and accents do not matter: "cafe" finds "Café". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Menu products whose name or brand holds what the budtender typed, for building the basket Smokey
 * suggests complements for. Read from the catalog Smokey already keeps in memory (at most 5,000
 * products, refreshed every minute), so each keystroke costs no Firestore read. Active products
 * only; names starting with the text first, then best sellers.
 */
export async function findMenuProducts(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, input: z.input<typeof FindProductsQuerySchema>): Promise<ProductMatch[]> {
  const { q, limit } = FindProductsQuerySchema.parse(input);
  const needle = fold(q);
  const catalog = await smokeyCatalog(ctx);
  const scored: Array<{ m: ProductMatch; starts: boolean; sold: number }> = [];
  for (const p of catalog.products) {
    if (!p.active) continue;
    const name = fold(p.name);
    if (!name.includes(needle) && !fold(p.brand).includes(needle)) continue;
    const stock = Object.values(p.stock).reduce((a, b) => a + Math.max(0, b), 0);
    scored.push({
      m: { id: p.id, name: p.name, brand: p.brand, categoryLabel: categoryLabel(p.category), priceCents: p.priceCents, stock },
      starts: name.startsWith(needle),
      sold: catalog.unitsSold[p.id] ?? 0,
    });
  }
  scored.sort((a, b) => Number(b.starts) - Number(a.starts) || b.sold - a.sold || a.m.name.localeCompare(b.m.name));
  return scored.slice(0, limit).map((s) => s.m);
}
