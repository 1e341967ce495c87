import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';
import { describeExample, describeNeeds, groupsMentioned, sendability, templateExample } from './template-needs';
import { sampleContext } from './template-variables';

/** What a customer's profile can give a message: the customer, their points, the dispensary. */
function profileContext(): Record<string, unknown> {
  const { customer, loyalty, dispensary, unsubscribe_url } = sampleContext();
  return { customer, loyalty, dispensary, unsubscribe_url };
}

const byKey = (key: string) => DEFAULT_TEMPLATES.find((t) => t.key === key)!;

describe('sendability from a profile', () => {
  it('refuses the abandoned-cart reminder and says it needs a cart and who sends it', () => {
    expect(sendability(byKey('abandoned_cart_1h'), profileContext())).toEqual({
      sendable: false,
      needs: ['cart'],
      reason: 'Needs a cart: sent by the abandoned-cart playbook.',
    });
  });

  it('allows a template that mentions an offer only to say something else without one', () => {
    // win_back: {% if offer %}…{% else %}Your points are waiting{% endif %}, and {% if shop %}.
    expect(groupsMentioned(byKey('win_back'))).toEqual(['offer', 'shop']);
    expect(sendability(byKey('win_back'), profileContext())).toEqual({ sendable: true });
    expect(sendability(byKey('welcome'), profileContext())).toEqual({ sendable: true });
  });

  it('names every group a template cannot do without, not only the first', () => {
    const t = { channel: 'sms' as const, subject: null, body: '{{ product.name }} is back: {{ offer.code }} at {{ shop.url }}' };
    const s = sendability(t, profileContext());
    expect(s).toMatchObject({ sendable: false, needs: ['product', 'offer', 'shop'] });
    expect(s.sendable ? '' : s.reason).toBe(
      'Needs a product, an offer and a link to the online menu: sent by back-in-stock playbooks, playbooks that give an offer and playbooks that pass one.',
    );
  });

  it('finds a need in the subject of an email', () => {
    const t = { channel: 'email' as const, subject: 'Your {{ order.total | money }} order', body: '<p>Hi {{ customer.first_name }}</p>' };
    expect(sendability(t, profileContext())).toMatchObject({ sendable: false, needs: ['order'] });
  });

  it('becomes sendable once the caller gives what it needs (a playbook with its cart)', () => {
    const ctx = { ...profileContext(), cart: { total: 1200, item_count: 1, url: 'https://shop.example/c/1' } };
    expect(sendability(byKey('abandoned_cart_1h'), ctx)).toEqual({ sendable: true });
  });

  it('classifies every default template: those about a cart, an order, a product or a review link cannot go from a profile', () => {
    const refused = DEFAULT_TEMPLATES.filter((t) => !sendability(t, profileContext()).sendable).map((t) => t.key);
    expect(refused.sort()).toEqual(
      [
        'abandoned_cart_1h',
        'abandoned_cart_24h',
        'abandoned_cart_72h',
        'order_ready_sms',
        'restock_notice',
        'restock_notice_sms',
        'review_request',
        'thank_you',
        'thank_you_sms',
      ].sort(),
    );
  });

  it('says a template that fails for another reason cannot be filled in, with the error', () => {
    const t = { channel: 'sms' as const, subject: null, body: 'You have {{ customer.first_name | money }}' };
    const s = sendability(t, profileContext());
    expect(s).toMatchObject({ sendable: false, needs: [] });
    expect(s.sendable ? '' : s.reason).toMatch(/^It cannot be filled in here: body: money expects an amount in cents/);
  });
});

describe('labels for made-up values', () => {
  it('names the sample customer and each sample group with its value', () => {
    expect(describeExample({ sampleCustomer: true, groups: ['cart'] })).toBe('Example: a sample customer (Jamie Rivera) and a $62.00 cart.');
    expect(describeExample({ sampleCustomer: false, groups: ['offer', 'order'] })).toBe(
      'Example with made-up values: an offer (10% off your next order, code WELCOME10) and a $54.25 order.',
    );
    expect(describeExample({ sampleCustomer: false, groups: [] })).toBeNull();
    expect(describeNeeds([])).toBe('');
  });
});

describe('template examples for the list', () => {
  it('renders the cart reminder for a sample customer as plain text, never Liquid or HTML', () => {
    const ex = templateExample(byKey('abandoned_cart_1h'));
    expect(ex).toMatchObject({ subject: 'You left something in your cart', example: 'Example: a sample customer (Jamie Rivera) and a $62.00 cart.' });
    const text = 'text' in ex ? ex.text : '';
    expect(text).toContain('Hi Jamie,');
    expect(text).toContain('2 item(s), $62.00');
    expect(text).not.toMatch(/[{}<>]/);
  });

  it('shows the offer branch of a welcome email and says the offer is made up', () => {
    const ex = templateExample(byKey('welcome'));
    expect('text' in ex && ex.text).toContain('WELCOME10');
    expect('example' in ex && ex.example).toBe('Example: a sample customer (Jamie Rivera) and an offer (10% off your next order, code WELCOME10).');
  });

  it('answers with the error for a template that no longer renders', () => {
    expect(templateExample({ channel: 'sms', subject: null, body: 'Hi {{ nobody.here }}' })).toEqual({
      error: expect.stringMatching(/"nobody" is not a variable this message has/),
    });
  });
});
