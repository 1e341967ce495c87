import type { LineItem } from '@/domain/order';
import type { Product } from '@/domain/product';
import type { LineItemInput } from '@/domain/signals/signal';
import { tenantDb } from '../../db/tenant-db';

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Looks products up by SKU and by the sender's ids, so line items carry our product ids and categories. */
export async function findProducts(
  orgId: string,
  refs: Array<{ sku: string | null; externalIds: string[] }>,
): Promise<{ bySku: Map<string, Product>; byExternal: Map<string, Product> }> {
  const products = tenantDb(orgId).products.ref;
  const skus = [...new Set(refs.map((r) => r.sku).filter((s): s is string => !!s))];
  const bySku = new Map<string, Product>();
  for (const batch of chunks(skus, 30)) {
    const snap = await products.where('sku', 'in', batch).get();
    for (const d of snap.docs) bySku.set(d.data().sku, d.data());
  }
  const byExternal = new Map<string, Product>();
  const unresolved = [...new Set(refs.filter((r) => !r.sku || !bySku.has(r.sku)).flatMap((r) => r.externalIds))];
  for (const batch of chunks(unresolved, 30)) {
    const snap = await products.where('externalIds', 'array-contains-any', batch).get();
    for (const d of snap.docs) for (const id of d.data().externalIds) if (batch.includes(id)) byExternal.set(id, d.data());
  }
  return { bySku, byExternal };
}

export async function linkLineItems(orgId: string, items: LineItemInput[]): Promise<LineItem[]> {
  if (!items.length) return [];
  const { bySku, byExternal } = await findProducts(
    orgId,
    items.map((li) => ({ sku: li.sku, externalIds: li.externalProductId ? [li.externalProductId] : [] })),
  );
  return items.map((li) => {
    const product = (li.sku ? bySku.get(li.sku) : undefined) ?? (li.externalProductId ? byExternal.get(li.externalProductId) : undefined);
    return {
      productId: product?.id ?? null,
      sku: li.sku ?? product?.sku ?? null,
      name: li.name,
      category: li.category ?? product?.category ?? null,
      quantity: li.quantity,
      unitPriceCents: li.unitPriceCents,
      totalCents: li.totalCents,
    };
  });
}
