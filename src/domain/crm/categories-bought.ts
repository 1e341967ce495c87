import type { Customer } from '../customer';
import { CATEGORY_LABELS } from '../loyalty/public-menu';
import type { LineItem, Order } from '../order';
import type { ProductCategory } from '../product';

/** A profile keeps at most this many categories (a menu has about ten; the cap only bounds a bad sender). */
export const CATEGORIES_BOUGHT_MAX = 30;

/** The set union of the current categories and the line items' (null and blank skipped), sorted and capped. */
export function unionCategories(current: readonly string[] | undefined, items: ReadonlyArray<Pick<LineItem, 'category'>>): string[] {
  const all = new Set(current ?? []);
  for (const li of items) {
    const c = li.category?.trim();
    if (c) all.add(c);
  }
  return [...all].sort().slice(0, CATEGORIES_BOUGHT_MAX);
}

/**
 * Whether the order's categories count as bought: once it was paid (not pending, not cancelled).
 * A refund later does not take them back: "bought" is history, not what the customer kept.
 */
export function orderBuys(o: Pick<Order, 'status'>): boolean {
  return o.status !== 'pending' && o.status !== 'cancelled';
}

/** The customer with the order's categories added; the same object when nothing is new (so no write follows). */
export function withCategoriesBought<C extends Pick<Customer, 'categoriesBought'>>(customer: C, order: Pick<Order, 'status' | 'lineItems'>): C {
  if (!orderBuys(order)) return customer;
  const before = customer.categoriesBought ?? [];
  const after = unionCategories(before, order.lineItems);
  return after.length === before.length && after.every((c, i) => c === before[i]) ? customer : { ...customer, categoriesBought: after };
}

/** The categories of all these orders that count as bought, as a profile holds them. */
export function categoriesOfOrders(orders: ReadonlyArray<Pick<Order, 'status' | 'lineItems'>>): string[] {
  return unionCategories(
    [],
    orders.filter(orderBuys).flatMap((o) => o.lineItems),
  );
}

/** The label the menu uses ("Edibles" for `edible`); a category we do not know is shown as sent. */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category as ProductCategory] ?? category;
}
