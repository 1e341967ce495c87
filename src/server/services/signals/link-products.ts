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
  // Products found in the last few seconds are not looked up again (the usual order names only those).
  const bySku = new Map<string, Product>();
  const byExternal = new Map<string, Product>();
  const missing: typeof refs = [];
  for (const r of refs) {
    const hit = r.sku ? recall(orgId, `sku:${r.sku}`) : r.externalIds.length === 1 ? recall(orgId, `ext:${r.externalIds[0]}`) : undefined;
    if (!hit) missing.push(r);
    else if (r.sku) bySku.set(r.sku, hit);
    else byExternal.set(r.externalIds[0]!, hit);
  }
  if (!missing.length) return { bySku, byExternal };
  const found = await queryProducts(orgId, missing);
  for (const [sku, p] of found.bySku) {
    bySku.set(sku, p);
    remember(orgId, `sku:${sku}`, p);
  }
  for (const [id, p] of found.byExternal) {
    byExternal.set(id, p);
    remember(orgId, `ext:${id}`, p);
  }
  return { bySku, byExternal };
}

/**
 * Per-instance memory of products found by SKU or sender id, for PRODUCT_MEMORY_MS: an order's line
 * items name the same few products all day. Only products found are remembered (a product created
 * a moment ago is looked up, never missed); a product change through this instance forgets the
 * dispensary's entries at once, one through another instance is seen within the interval (a
 * category or name edited then is the only thing an order line can carry stale).
 */
const PRODUCT_MEMORY_MS = 10_000;
const memory = new Map<string, Map<string, { product: Product; until: number }>>();

function recall(orgId: string, key: string): Product | undefined {
  const hit = memory.get(orgId)?.get(key);
  return hit && hit.until > Date.now() ? hit.product : undefined;
}

function remember(orgId: string, key: string, product: Product) {
  let entries = memory.get(orgId);
  if (!entries) {
    if (memory.size >= 1_000) memory.clear();
    entries = new Map();
    memory.set(orgId, entries);
  }
  if (entries.size >= 5_000) entries.clear();
  entries.set(key, { product, until: Date.now() + PRODUCT_MEMORY_MS });
}

/** Forgets the dispensary's remembered products (a product was created, changed or deactivated). */
export function forgetProducts(orgId: string): void {
  memory.delete(orgId);
}

async function queryProducts(
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
