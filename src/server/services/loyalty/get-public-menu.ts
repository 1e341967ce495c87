import { loyaltyBar, menuSections, type LoyaltyBar, type PublicProduct } from '@/domain/loyalty/public-menu';
import type { ProductCategory } from '@/domain/product';
import { tenantDb } from '../../db/tenant-db';
import { resolveTenantSlug } from '../tenants/tenant-slug';
import { getLoyaltySettings } from './loyalty-settings';

export interface PublicMenu {
  name: string;
  slug: string;
  sections: Array<{ category: ProductCategory; label: string; products: PublicProduct[] }>;
  loyalty: LoyaltyBar | null;
}

/** The public menu behind a slug: in-stock products by category and the loyalty bar. Nothing internal (stock counts, sales, staff). */
export async function getPublicMenu(slug: string): Promise<PublicMenu> {
  const tenant = await resolveTenantSlug(slug);
  const [products, settings] = await Promise.all([
    tenantDb(tenant.orgId).products.ref.where('active', '==', true).limit(2_000).get(),
    getLoyaltySettings({ orgId: tenant.orgId }, { fresh: true }),
  ]);
  return {
    name: tenant.name,
    slug: tenant.slug,
    sections: menuSections(products.docs.map((d) => d.data())),
    loyalty: loyaltyBar(settings.menu),
  };
}
