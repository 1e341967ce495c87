import type { Product } from '@/domain/product';
import type { InventoryInput } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { findProductInTx } from './apply-product';
import { signalLocks, type SignalContext } from './signal-context';

export interface AppliedInventory {
  product: Product | null;
  locationId: string | null;
  quantity: number;
  previousQuantity: number | null;
  threshold: number;
  /** This update took the product from above its threshold to at or below it. */
  crossedLowStock: boolean;
}

export const DEFAULT_STOCK_LOCATION = 'default';

/**
 * Sets a product's units on hand at one location to the reported figure (absolute, so a
 * redelivery changes nothing). A report older than the last one for that location is ignored.
 */
export async function applyInventory(ctx: SignalContext, input: InventoryInput, occurredAt: Date): Promise<AppliedInventory> {
  const tdb = tenantDb(ctx.orgId);
  const loc = input.locationId ?? DEFAULT_STOCK_LOCATION;
  const reportedAt = input.updatedAt ?? occurredAt;
  const key = `product:${ctx.orgId}:${input.product.externalId ?? input.product.inventoryItemId ?? input.product.sku ?? '-'}`;
  return signalLocks.run([key], () =>
    firestore().runTransaction(async (tx) => {
      const product = await findProductInTx(tx, ctx.orgId, input.product);
      const previous = product ? (product.stock[loc] ?? input.previousQuantity) : input.previousQuantity;
      const threshold = input.threshold ?? product?.lowStockThreshold ?? 0;
      const lastReport = product?.stockUpdatedAt?.[loc];
      const stale = !!lastReport && reportedAt < lastReport;
      let saved = product;
      if (product && !stale) {
        saved = {
          ...product,
          stock: { ...product.stock, [loc]: input.quantity },
          stockUpdatedAt: { ...(product.stockUpdatedAt ?? {}), [loc]: reportedAt },
          updatedAt: ctx.clock.now(),
        };
        tx.set(tdb.products.doc(product.id), saved);
      }
      const crossedLowStock = !stale && input.quantity <= threshold && (previous === null || previous > threshold);
      return { product: saved, locationId: input.locationId, quantity: input.quantity, previousQuantity: previous ?? null, threshold, crossedLowStock };
    }),
  );
}
