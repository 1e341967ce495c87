import type { LineItem } from '@/domain/order';
import type { Product } from '@/domain/product';
import type { LineItemInput } from '@/domain/signals/signal';
import { tenantDb } from '../../db/tenant-db';

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Looks products up by SKU and by the sender's ids, so line items carry our product ids and
 * categories. A SKU match wins; items without a SKU are looked up by id in the same round trip,
 * items whose SKU is unknown in a second one.
 */
export async function findProducts(
  orgId: string,
  refs: Array<{ sku: string | null; externalIds: string[] }>,
): Promise<{ bySku: Map<string, Product>; byExternal: Map<string, Product> }> {
  const products = tenantDb(orgId).products.ref;
  const skus = [...new Set(refs.map((r) => r.sku).filter((s): s is string => !!s))];
  const byExternal = new Map<string, Product>();
  const lookUpIds = async (ids: string[]) => {
    const snaps = await Promise.all(
      chunks(ids, 30).map((batch) =>
        products
          .where('externalIds', 'array-contains-any', batch)
          .get()
          .then((snap) => ({ batch, snap })),
      ),
    );
    for (const { batch, snap } of snaps) for (const d of snap.docs) for (const id of d.data().externalIds) if (batch.includes(id)) byExternal.set(id, d.data());
  };
  const [skuSnaps] = await Promise.all([
    Promise.all(chunks(skus, 30).map((batch) => products.where('sku', 'in', batch).get())),
    lookUpIds([...new Set(refs.filter((r) => !r.sku).flatMap((r) => r.externalIds))]),
  ]);
  const bySku = new Map<string, Product>();
  for (const snap of skuSnaps) for (const d of snap.docs) bySku.set(d.data().sku, d.data());
  const unknownSku = [...new Set(refs.filter((r) => r.sku && !bySku.has(r.sku)).flatMap((r) => r.externalIds))];
  if (unknownSku.length) await lookUpIds(unknownSku);
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
