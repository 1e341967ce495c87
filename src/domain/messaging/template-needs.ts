import { convert } from 'html-to-text';
import { formatCents } from '../money';
import { renderLiquid, TemplateRenderError, variableRoots } from './template-engine';
import { sampleContext } from './template-variables';

/**
 * The variable groups only a caller can give (a playbook's event, a campaign): a customer's profile
 * has the customer, their points and the dispensary, but no cart, order or offer. Each says what it
 * is and who sends messages that use it, for the form that cannot offer them.
 */
export const CALLER_GROUPS = {
  order: { noun: 'an order', sentBy: 'playbooks that start when an order is placed' },
  cart: { noun: 'a cart', sentBy: 'the abandoned-cart playbook' },
  product: { noun: 'a product', sentBy: 'back-in-stock playbooks' },
  offer: { noun: 'an offer', sentBy: 'playbooks that give an offer' },
  review: { noun: 'a review link', sentBy: 'the review-request playbook' },
  shop: { noun: 'a link to the online menu', sentBy: 'playbooks that pass one' },
  recommendations: { noun: 'product suggestions', sentBy: 'playbooks with a "Smokey suggests products" step' },
} as const;
export type CallerGroup = keyof typeof CALLER_GROUPS;

const isCallerGroup = (root: string): root is CallerGroup => Object.hasOwn(CALLER_GROUPS, root);

export interface TemplateText {
  channel: 'email' | 'sms';
  subject: string | null;
  body: string;
}

/** The caller groups a template mentions at all (also inside `{% if offer %}`), in catalogue order. */
export function groupsMentioned(t: Pick<TemplateText, 'subject' | 'body'>): CallerGroup[] {
  const roots = new Set([...variableRoots(t.subject ?? ''), ...variableRoots(t.body)]);
  return (Object.keys(CALLER_GROUPS) as CallerGroup[]).filter((g) => roots.has(g));
}

export type Sendability = { sendable: true } | { sendable: false; needs: CallerGroup[]; reason: string };

const MAX_TRIES = Object.keys(CALLER_GROUPS).length + 1;

/**
 * Whether a template can be sent with only the given context, decided as the send itself decides:
 * by rendering it strictly. A group mentioned only in `{% if offer %}` is not needed (the template
 * has words for its absence); each missing group is filled with its sample and the render tried
 * again, so every group the template cannot do without is named, not only the first.
 */
export function sendability(t: TemplateText, context: Record<string, unknown>): Sendability {
  const sample = sampleContext();
  const ctx = { ...context };
  const needs: CallerGroup[] = [];
  for (let i = 0; i < MAX_TRIES; i++) {
    try {
      if (t.channel === 'email' && t.subject) renderLiquid(t.subject, ctx, 'text', 'subject');
      renderLiquid(t.body, ctx, t.channel === 'email' ? 'html' : 'text', 'body');
      return needs.length ? { sendable: false, needs, reason: describeNeeds(needs) } : { sendable: true };
    } catch (err) {
      if (!(err instanceof TemplateRenderError)) throw err;
      const root = err.variable?.split('.')[0] ?? '';
      if (!isCallerGroup(root) || root in ctx) return { sendable: false, needs, reason: `It cannot be filled in here: ${err.message}` };
      needs.push(root);
      ctx[root] = sample[root];
    }
  }
  return { sendable: false, needs, reason: describeNeeds(needs) };
}

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** "Needs a cart: sent by the abandoned-cart playbook." */
export function describeNeeds(groups: readonly CallerGroup[]): string {
  if (!groups.length) return '';
  const senders = [...new Set(groups.map((g) => CALLER_GROUPS[g].sentBy))];
  return `Needs ${list(groups.map((g) => CALLER_GROUPS[g].noun))}: sent by ${list(senders)}.`;
}

function sampleNoun(group: CallerGroup): string {
  const s = sampleContext() as Record<CallerGroup, Record<string, unknown>>;
  switch (group) {
    case 'order':
      return `a ${formatCents(s.order.total as number)} order`;
    case 'cart':
      return `a ${formatCents(s.cart.total as number)} cart`;
    case 'product':
      return `a product (${String(s.product.name)})`;
    case 'offer':
      return `an offer (${String(s.offer.description)}, code ${String(s.offer.code)})`;
    case 'review':
      return 'a review link';
    case 'shop':
      return 'a link to the online menu';
    case 'recommendations':
      return 'sample product suggestions';
  }
}

/**
 * The label every preview built on sample values carries, naming what was made up:
 * "Example: a sample customer and a $62.00 cart". Null when nothing was.
 */
export function describeExample(opts: { sampleCustomer: boolean; groups: readonly string[] }): string | null {
  const parts = [
    ...(opts.sampleCustomer ? [`a sample customer (${String((sampleContext().customer as { full_name: string }).full_name)})`] : []),
    ...opts.groups.filter(isCallerGroup).map(sampleNoun),
  ];
  if (!parts.length) return null;
  return opts.sampleCustomer ? `Example: ${list(parts)}.` : `Example with made-up values: ${list(parts)}.`;
}

export type TemplateExample = { subject: string | null; text: string; example: string } | { error: string };

/**
 * A template as a sample customer would read it, in plain text (the template list shows this
 * rather than its Liquid), with the label naming what was made up.
 */
export function templateExample(t: TemplateText): TemplateExample {
  const ctx = sampleContext();
  try {
    const subject = t.channel === 'email' && t.subject ? renderLiquid(t.subject, ctx, 'text', 'subject').replace(/\s+/g, ' ').trim() : null;
    const body = renderLiquid(t.body, ctx, t.channel === 'email' ? 'html' : 'text', 'body');
    const text = (t.channel === 'email' ? convert(body, { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] }) : body)
      .replace(/\s+/g, ' ')
      .trim();
    return { subject, text, example: describeExample({ sampleCustomer: true, groups: groupsMentioned(t) })! };
  } catch (err) {
    if (err instanceof TemplateRenderError) return { error: err.message };
    throw err;
  }
}
