import { z } from 'zod';
import { ProductCategorySchema } from '../product';

/** What the owner or an admin decides for Smokey's suggestions (docs/agents.md); one document, `current`. */
export const RecommendationSettingsBodySchema = z.object({
  /** Never suggested, on any screen or in any email: e.g. a dispensary that will not push concentrates. */
  excludedCategories: z
    .array(ProductCategorySchema)
    .max(ProductCategorySchema.options.length)
    .refine((a) => new Set(a).size === a.length, 'List each category once')
    .refine((a) => a.length < ProductCategorySchema.options.length, 'Leave at least one category to suggest from'),
});
export type RecommendationSettingsBody = z.infer<typeof RecommendationSettingsBodySchema>;

export const RecommendationSettingsSchema = RecommendationSettingsBodySchema.extend({
  id: z.literal('current'),
  updatedAt: z.date(),
  updatedBy: z.string().min(1),
});
export type RecommendationSettings = z.infer<typeof RecommendationSettingsSchema>;

export const DEFAULT_RECOMMENDATION_SETTINGS: RecommendationSettings = { id: 'current', excludedCategories: [], updatedAt: new Date(0), updatedBy: 'default' };
