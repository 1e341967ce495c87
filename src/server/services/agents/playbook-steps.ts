import { registerStepHandler } from '../playbooks/engine/step-handler';
import { mayCallModels } from '../playbooks/steps/step-model';
import { recommendForCustomerId } from './smokey';

/** What a later email's template sees as `recommendations` (docs/playbooks.md): plain values, money in cents. */
export interface RecommendationVariable {
  name: string;
  brand: string;
  category: string;
  price: number;
  reason: string;
  url: string;
}

registerStepHandler('recommend_products', {
  // It only reads: asking again after a crash picks again and acts on nothing.
  idempotentByKey: true,
  async execute(ctx) {
    const customerId = ctx.run.customerId;
    if (!customerId) return { kind: 'next', status: 'skipped', detail: 'No customer to suggest products for', skipReason: 'This run has no customer' };
    const limit = typeof ctx.step.limit === 'number' ? ctx.step.limit : 3;
    // A dry run words the reasons itself unless an owner asked for AI in it.
    const picks = await recommendForCustomerId(ctx, customerId, limit, mayCallModels(ctx) ? {} : { model: null });
    const recommendations: RecommendationVariable[] = picks.suggestions.map((s) => ({
      name: s.name,
      brand: s.brand,
      category: s.categoryLabel,
      price: s.priceCents,
      reason: s.reason,
      url: s.url,
    }));
    const detail = recommendations.length
      ? `Smokey picked ${recommendations.length} ${recommendations.length === 1 ? 'product' : 'products'}: ${recommendations.map((r) => r.name).join(', ')}`
      : 'Smokey found nothing in stock to suggest; recommendations is empty';
    return { kind: 'next', status: 'done', detail: detail.slice(0, 500), vars: { recommendations } };
  },
});
