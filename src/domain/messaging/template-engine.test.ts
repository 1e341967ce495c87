import { describe, expect, it } from 'vitest';
import { renderLiquid, TemplateRenderError, validateTemplateSource } from './template-engine';
import { mergeContext, orderVariables, sampleContext, TEMPLATE_VARIABLES } from './template-variables';

describe('templates', () => {
  it('renders the documented variables with the money filter', () => {
    const out = renderLiquid(
      'Hi {{ customer.first_name }}, your {{ order.total | money }} order earned {{ order.points_earned }} points.',
      sampleContext(),
      'text',
    );
    expect(out).toBe('Hi Jamie, your $54.25 order earned 54 points.');
  });

  it('escapes values in email HTML but not in SMS text', () => {
    const ctx = { customer: { first_name: '<b>Jo</b>' } };
    expect(renderLiquid('<p>{{ customer.first_name }}</p>', ctx, 'html')).toBe('<p>&lt;b&gt;Jo&lt;/b&gt;</p>');
    expect(renderLiquid('{{ customer.first_name }}', ctx, 'text')).toBe('<b>Jo</b>');
  });

  it('names an unknown variable when a template is saved', () => {
    expect(validateTemplateSource({ channel: 'email', subject: 'Hi {{ customer.nickname }}', body: '<p>{{ order.totl | money }}</p>' })).toEqual([
      { path: 'subject', message: expect.stringMatching(/"customer\.nickname" is not a variable/) },
      { path: 'body', message: expect.stringMatching(/"order\.totl" is not a variable.*line 1/) },
    ]);
  });

  it('reports unknown filters and broken syntax', () => {
    expect(validateTemplateSource({ channel: 'sms', subject: null, body: '{{ order.total | dollars }}' })[0]?.message).toMatch(/unknown filter: dollars/);
    expect(validateTemplateSource({ channel: 'sms', subject: null, body: 'Hi {{ customer.first_name ' })[0]?.message).toMatch(/not closed/);
  });

  it('accepts every documented variable, defaults and loops', () => {
    const body =
      TEMPLATE_VARIABLES.filter((v) => !Array.isArray(v.example))
        .map((v) => `{{ ${v.path} }}`)
        .join(' ') +
      '{% for i in order.items %}{{ i.name }} {{ i.total | money }}{% endfor %}{{ customer.nickname | default: "there" }}{% if cart %}x{% endif %}';
    expect(validateTemplateSource({ channel: 'sms', subject: null, body })).toEqual([]);
  });

  it('fails a send whose template needs a variable the caller did not give', () => {
    expect(() => renderLiquid('{{ order.total | money }}', { customer: { first_name: 'J' } }, 'text')).toThrow(TemplateRenderError);
  });

  it('builds order variables and keeps callers from overriding who the customer is', () => {
    const order = {
      id: 'o1',
      totalCents: 1999,
      subtotalCents: 1800,
      placedAt: new Date('2031-01-01T00:00:00Z'),
      lineItems: [{ name: 'Gummies', quantity: 2, totalCents: 1800, productId: null, sku: null, category: null, unitPriceCents: 900 }],
    };
    const ctx = mergeContext({ customer: { first_name: 'Real' } }, { customer: { first_name: 'Fake' }, order: orderVariables(order, 20) });
    expect(renderLiquid('{{ customer.first_name }} {{ order.total | money }} {{ order.item_count }} {{ order.points_earned }}', ctx, 'text')).toBe(
      'Real $19.99 2 20',
    );
  });
});
