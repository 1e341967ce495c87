import type { Transaction } from 'firebase-admin/firestore';
import { ProductCategorySchema, StrainTypeSchema, type Product } from '@/domain/product';
import { stableId } from '@/domain/signals/records';
import type { ProductInput, ProductRef } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { forgetProducts } from './link-products';
import { signalLocks, type SignalContext } from './signal-context';

/** Finds a product by any id the sender uses for it, then by SKU. */
export async function findProductInTx(tx: Transaction, orgId: string, ref: ProductRef & { alsoKnownAs?: string[] }): Promise<Product | null> {
  const products = tenantDb(orgId).products.ref;
  const ids = [ref.externalId, ref.inventoryItemId, ...(ref.alsoKnownAs ?? [])].filter((x): x is string => !!x).slice(0, 30);
  if (ids.length) {
    const snap = await tx.get(products.where('externalIds', 'array-contains-any', ids).limit(1));
    if (!snap.empty) return snap.docs[0]!.data();
  }
  if (ref.sku) {
    const snap = await tx.get(products.where('sku', '==', ref.sku).limit(1));
    if (!snap.empty) return snap.docs[0]!.data();
  }
  return null;
}

const lockKey = (orgId: string, ref: { externalId: string | null; sku: string | null }) => `product:${orgId}:${ref.externalId ?? ref.sku ?? '-'}`;

/**
 * Creates or updates a product from a sender's catalogue. A product we did not know is created
 * with what the sender gives (unknown category: accessory, unknown strain: none). An older copy
 * than the one we hold is ignored.
 */
export async function applyProduct(ctx: SignalContext, input: ProductInput): Promise<Product> {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const category = ProductCategorySchema.safeParse(input.category);
  const strain = StrainTypeSchema.safeParse(input.strainType);
  const saved = await signalLocks.run([lockKey(ctx.orgId, input)], () =>
    firestore().runTransaction(async (tx) => {
      const existing = await findProductInTx(tx, ctx.orgId, {
        externalId: input.externalId,
        sku: input.sku,
        inventoryItemId: null,
        alsoKnownAs: input.alsoKnownAs,
      });
      if (existing?.sourceUpdatedAt && input.updatedAt && input.updatedAt < existing.sourceUpdatedAt) return existing;
      const externalIds = [...new Set([...(existing?.externalIds ?? []), input.externalId, ...input.alsoKnownAs])];
      const stock = { ...(existing?.stock ?? {}) };
      const stockUpdatedAt = { ...(existing?.stockUpdatedAt ?? {}) };
      for (const s of input.stock) {
        stock[s.locationId] = s.quantity;
        stockUpdatedAt[s.locationId] = input.updatedAt ?? now;
      }
      const product: Product = {
        id: existing?.id ?? stableId('prd', input.externalId),
        sku: input.sku ?? existing?.sku ?? input.externalId,
        name: input.name,
        brand: input.brand ?? existing?.brand ?? 'Unknown',
        category: category.success ? category.data : (existing?.category ?? 'accessory'),
        strainType: strain.success ? strain.data : (existing?.strainType ?? 'none'),
        thcPercent: input.thcPercent ?? existing?.thcPercent ?? null,
        cbdPercent: input.cbdPercent ?? existing?.cbdPercent ?? null,
        thcMg: existing?.thcMg ?? null,
        cbdMg: existing?.cbdMg ?? null,
        size: existing?.size ?? '',
        priceCents: input.priceCents ?? existing?.priceCents ?? 0,
        stock,
        stockUpdatedAt,
        lowStockThreshold: input.lowStockThreshold ?? existing?.lowStockThreshold ?? 5,
        active: input.active,
        externalIds,
        sourceUpdatedAt: input.updatedAt ?? existing?.sourceUpdatedAt ?? null,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      tx.set(tdb.products.doc(product.id), product);
      return product;
    }),
  );
  // This instance's remembered products of the dispensary are forgotten (link-products.ts).
  forgetProducts(ctx.orgId);
  return saved;
}

/** product.deleted: the product stays (orders point at it) but is marked inactive. */
export async function deactivateProduct(ctx: SignalContext, ref: ProductRef): Promise<Product | null> {
  const tdb = tenantDb(ctx.orgId);
  const saved = await signalLocks.run([lockKey(ctx.orgId, ref)], () =>
    firestore().runTransaction(async (tx) => {
      const existing = await findProductInTx(tx, ctx.orgId, ref);
      if (!existing) return null;
      const product = { ...existing, active: false, updatedAt: ctx.clock.now() };
      tx.set(tdb.products.doc(existing.id), product);
      return product;
    }),
  );
  // This instance's remembered products of the dispensary are forgotten (link-products.ts).
  forgetProducts(ctx.orgId);
  return saved;
}
