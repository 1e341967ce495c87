import type { Product, ProductCategory } from '../product';
import type { MenuDisplay } from './settings';

/** What a visitor to /menu/{slug} may see of a product: no stock counts, SKUs, thresholds or ids from other systems. */
export interface PublicProduct {
  id: string;
  name: string;
  brand: string;
  strainType: Product['strainType'];
  thcPercent: number | null;
  cbdPercent: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  size: string;
  priceCents: number;
}

export interface LoyaltyBar {
  tagline: string;
  programmes: Array<{ key: 'military' | 'senior' | 'student' | 'medical'; label: string; percent: number }>;
  delivery: { minimumCents: number; feeCents: number; radiusMiles: number } | null;
  driveThru: boolean;
}

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  flower: 'Flower',
  pre_roll: 'Pre-rolls',
  vape: 'Vapes',
  edible: 'Edibles',
  concentrate: 'Concentrates',
  tincture: 'Tinctures',
  topical: 'Topicals',
  beverage: 'Beverages',
  accessory: 'Accessories',
};

/** In stock: active and at least one unit at some location. */
export function inStock(p: Pick<Product, 'active' | 'stock'>): boolean {
  return p.active && Object.values(p.stock).some((n) => n > 0);
}

/** The menu's sections in the catalogue's order, each sorted by name; empty categories left out. */
export function menuSections(products: readonly Product[]): Array<{ category: ProductCategory; label: string; products: PublicProduct[] }> {
  const order = Object.keys(CATEGORY_LABELS) as ProductCategory[];
  return order
    .map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      products: products
        .filter((p) => p.category === category && inStock(p))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
          id: p.id,
          name: p.name,
          brand: p.brand,
          strainType: p.strainType,
          thcPercent: p.thcPercent,
          cbdPercent: p.cbdPercent,
          thcMg: p.thcMg,
          cbdMg: p.cbdMg,
          size: p.size,
          priceCents: p.priceCents,
        })),
    }))
    .filter((s) => s.products.length);
}

const PROGRAMME_LABELS = { military: 'Military', senior: 'Senior', student: 'Student', medical: 'Medical patients' } as const;

/** The loyalty bar, or null when the dispensary hides it. */
export function loyaltyBar(menu: MenuDisplay): LoyaltyBar | null {
  if (!menu.showLoyaltyBar) return null;
  return {
    tagline: menu.tagline,
    programmes: (Object.keys(PROGRAMME_LABELS) as Array<keyof typeof PROGRAMME_LABELS>)
      .filter((k) => menu.programmes[k].enabled)
      .map((k) => ({ key: k, label: PROGRAMME_LABELS[k], percent: menu.programmes[k].percent })),
    delivery: menu.delivery.enabled
      ? { minimumCents: menu.delivery.minimumCents, feeCents: menu.delivery.feeCents, radiusMiles: menu.delivery.radiusMiles }
      : null,
    driveThru: menu.driveThru,
  };
}
