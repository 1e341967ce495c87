import { z } from 'zod';
import type { Channel } from '../customer';

/**
 * A tenant's attribution windows (tenants/{orgId}/settings/attribution once wired). The issue's
 * defaults: 7 days after a click; after a message merely received, 3 days for email, 1 for SMS
 * (a text is read within minutes or not at all; an email waits in the inbox).
 */
export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 30;

function windowDays(what: string, fallback: number) {
  return z.coerce
    .number({ error: `Give the ${what} as a number of days` })
    .int(`Give the ${what} in whole days`)
    .min(MIN_WINDOW_DAYS, `The ${what} is at least ${MIN_WINDOW_DAYS} day`)
    .max(MAX_WINDOW_DAYS, `The ${what} is at most ${MAX_WINDOW_DAYS} days`)
    .default(fallback);
}

export const DEFAULT_CLICK_WINDOW_DAYS = 7;
export const DEFAULT_VIEW_WINDOW_DAYS: Record<Channel, number> = { email: 3, sms: 1 };

export const AttributionSettingsSchema = z.object({
  clickWindowDays: windowDays('click window', DEFAULT_CLICK_WINDOW_DAYS),
  viewWindowDays: z
    .object({
      email: windowDays('email view window', DEFAULT_VIEW_WINDOW_DAYS.email),
      sms: windowDays('text message view window', DEFAULT_VIEW_WINDOW_DAYS.sms),
    })
    .default({ ...DEFAULT_VIEW_WINDOW_DAYS }),
});
export type AttributionSettings = z.output<typeof AttributionSettingsSchema>;
export type AttributionSettingsInput = z.input<typeof AttributionSettingsSchema>;

/** What a tenant that never opened the settings gets. A new object each time: callers may change it. */
export function defaultAttributionSettings(): AttributionSettings {
  return { clickWindowDays: DEFAULT_CLICK_WINDOW_DAYS, viewWindowDays: { ...DEFAULT_VIEW_WINDOW_DAYS } };
}
