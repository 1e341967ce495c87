import { z } from 'zod';
import { AttributionSettingsSchema, defaultAttributionSettings } from './attribution-settings';

/**
 * tenants/{orgId}/analytics_settings/current: the attribution windows and what a message or an AI
 * call costs the dispensary, so the Analytics page can show cost and ROI (docs/analytics.md, Cost).
 * Costs are cents per 1,000, the unit providers price in, so fractions of a cent stay whole numbers.
 */
const per1000 = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `Give the ${what} in cents per 1,000` })
    .int(`Give the ${what} in whole cents per 1,000`)
    .min(0, `The ${what} cannot be negative`)
    .max(1_000_000, `The ${what} is at most $10,000 per 1,000`)
    .default(fallback);

export const DEFAULT_COSTS = { emailPer1000Cents: 100, smsPer1000Cents: 1_500, aiCallPer1000Cents: 1_000 } as const;

export const CostSettingsSchema = z.object({
  emailPer1000Cents: per1000('email cost', DEFAULT_COSTS.emailPer1000Cents),
  smsPer1000Cents: per1000('text message cost', DEFAULT_COSTS.smsPer1000Cents),
  aiCallPer1000Cents: per1000('AI call cost', DEFAULT_COSTS.aiCallPer1000Cents),
});
export type CostSettings = z.output<typeof CostSettingsSchema>;

export const AnalyticsSettingsSchema = z.object({
  id: z.string().min(1),
  attribution: AttributionSettingsSchema.default(defaultAttributionSettings()),
  costs: CostSettingsSchema.default({ ...DEFAULT_COSTS }),
  updatedAt: z.date().nullable().default(null),
  updatedBy: z.string().nullable().default(null),
});
export type AnalyticsSettings = z.output<typeof AnalyticsSettingsSchema>;

/** What a body may change (both parts optional: the page saves one form at a time). */
export const AnalyticsSettingsBodySchema = z.object({
  attribution: AttributionSettingsSchema.optional(),
  costs: CostSettingsSchema.optional(),
});

export function defaultAnalyticsSettings(): AnalyticsSettings {
  return { id: 'current', attribution: defaultAttributionSettings(), costs: { ...DEFAULT_COSTS }, updatedAt: null, updatedBy: null };
}

/** The cost of `n` units at `per1000` cents per 1,000, rounded to the nearest cent. */
export const costCents = (n: number, per1000: number) => Math.round((n * per1000) / 1000);
