import { describe, expect, it } from 'vitest';
import { CATEGORIES_BOUGHT_MAX, categoriesOfOrders, categoryLabel, unionCategories, withCategoriesBought } from './categories-bought';

const item = (category: string | null) => ({ category });

describe('categories bought', () => {
  it('is the sorted set union of what the profile had and the line items, nulls and blanks skipped', () => {
    expect(unionCategories(['flower'], [item('edible'), item(null), item('flower'), item('  '), item('vape')])).toEqual(['edible', 'flower', 'vape']);
    expect(unionCategories(undefined, [])).toEqual([]);
  });

  it('is capped', () => {
    const many = Array.from({ length: 50 }, (_, i) => item(`c${String(i).padStart(2, '0')}`));
    expect(unionCategories([], many)).toHaveLength(CATEGORIES_BOUGHT_MAX);
  });

  it('grows with a paid order, keeps a refunded one, ignores pending and cancelled ones', () => {
    const c = { categoriesBought: ['flower'] };
    expect(withCategoriesBought(c, { status: 'completed', lineItems: [item('edible')] as never }).categoriesBought).toEqual(['edible', 'flower']);
    expect(withCategoriesBought(c, { status: 'refunded', lineItems: [item('vape')] as never }).categoriesBought).toEqual(['flower', 'vape']);
    expect(withCategoriesBought(c, { status: 'pending', lineItems: [item('vape')] as never })).toBe(c);
    expect(withCategoriesBought(c, { status: 'cancelled', lineItems: [item('vape')] as never })).toBe(c);
    // Nothing new: the same object, so the pipeline writes nothing for it.
    expect(withCategoriesBought(c, { status: 'completed', lineItems: [item('flower')] as never })).toBe(c);
  });

  it('from a history of orders', () => {
    expect(
      categoriesOfOrders([
        { status: 'completed', lineItems: [item('flower')] as never },
        { status: 'cancelled', lineItems: [item('vape')] as never },
        { status: 'partially_refunded', lineItems: [item('edible')] as never },
      ]),
    ).toEqual(['edible', 'flower']);
  });

  it('labels a category as the menu does', () => {
    expect(['flower', 'edible', 'pre_roll', 'mystery'].map(categoryLabel)).toEqual(['Flower', 'Edibles', 'Pre-rolls', 'mystery']);
  });
});
