import type { Template } from '@/domain/messaging/template';

const TOPICS: Array<[RegExp, RegExp]> = [
  [/welcome|sign ?up|new customer|first/i, /welcome/],
  [/thank|order|purchase|receipt/i, /thank_you/],
  [/cart|checkout|abandon|left/i, /abandoned_cart/],
  [/miss|win ?back|lapsed|come back|return|inactive/i, /win_back/],
  [/birthday|bday/i, /birthday/],
  [/review|feedback|rating/i, /review/],
  [/restock|back in stock|wishlist/i, /restock/],
  [/vip|loyal|top customer/i, /vip|points/],
  [/points|reward/i, /points|vip/],
];

/** The dispensary's templates that best match a brief's goal, email first; the welcome set when nothing matches. */
export function pickFallbackTemplates(templates: Template[], goal: string): Template[] {
  const matches = TOPICS.filter(([g]) => g.test(goal)).map(([, key]) => key);
  const wanted = matches.length ? matches : [/welcome/];
  const picked = templates.filter((t) => wanted.some((k) => k.test(t.id)));
  const chosen = picked.length ? picked : templates.filter((t) => t.kind === 'marketing').slice(0, 2);
  return [...chosen].sort((a, b) => (a.channel === b.channel ? a.id.localeCompare(b.id) : a.channel === 'email' ? -1 : 1)).slice(0, 4);
}
