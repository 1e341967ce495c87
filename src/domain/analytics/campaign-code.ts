import { z } from 'zod';

/**
 * tenants/{orgId}/campaign_codes/{CODE}: a discount code a campaign hands out. An order carrying it
 * is the campaign's, whatever message the customer saw last (docs/analytics.md, Attribution).
 * Stored normalised (upper case, no spaces or dashes), which is also how orders' codes are compared.
 */
export const CampaignCodeSchema = z.object({
  id: z.string().regex(/^[A-Z0-9]{3,30}$/),
  campaignId: z.string().min(1),
  /** From when orders carrying it count: the campaign's send. */
  issuedAt: z.date(),
  label: z.string().nullable(),
  createdAt: z.date(),
});
export type CampaignCode = z.infer<typeof CampaignCodeSchema>;

/** What an owner may type as a campaign's code: letters and digits, dashes and spaces ignored. */
export const CampaignCodeInputSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{3,30}$/, 'A campaign code is 3 to 30 letters or digits'));
