import { describe, expect, it } from 'vitest';
import { newRenderBudget, RenderBudgetExceededError } from './render-budget';
import { liquidSourceProblem, renderLiquid, TemplateRenderError, validateTemplateSource } from './template-engine';
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

describe('templates and the file system', () => {
  // package.json sits in the working directory: exactly what the reported attack read.
  const FILE_TAGS = [
    "{% include 'package.json' %}",
    '{%- render "package.json" -%}',
    "{% layout 'package.json' %}x",
    '{% include file %}',
    "{% liquid\n  include 'package.json'\n%}",
    "{% if true %}{% render 'package.json' %}{% endif %}",
  ];

  it.each(FILE_TAGS)('%j is refused at save, naming the field, and renders nothing from disk', (source) => {
    expect(validateTemplateSource({ channel: 'sms', subject: null, body: source })).toEqual([
      { path: 'body', message: expect.stringMatching(/^body: \{% (include|render|layout) %\} is not allowed/) },
    ]);
    expect(liquidSourceProblem(source, 'title')?.message).toMatch(/^title: \{% (include|render|layout) %\} is not allowed/);
    expect(() => renderLiquid(source, { file: 'package.json' }, 'html')).toThrow(TemplateRenderError);
  });

  it('leaves ordinary Liquid alone', () => {
    expect(liquidSourceProblem('Call {{ customer.name }} about {% if order %}{{ order.total | money }}{% endif %}', 'title')).toBeNull();
    expect(liquidSourceProblem('Hi {{ customer.name ', 'title')?.message).toMatch(/not closed/);
  });
});

describe('the render budget', () => {
  const SLOW = '{% for i in (1..999999) %}{% endfor %}';

  it('shares one allowance between renders and deducts what each took', () => {
    const budget = newRenderBudget(1_000, 10);
    renderLiquid('{{ customer.first_name }}', sampleContext(), 'text', 'body', budget);
    expect(budget.rendersLeft).toBe(9);
    expect(budget.remainingMs).toBeLessThan(1_000);
    expect(budget.remainingMs).toBeGreaterThan(900);
  });

  it('stops a render when the request’s time is spent, and refuses the next at once', () => {
    const budget = newRenderBudget(150);
    const started = performance.now();
    expect(() => renderLiquid(SLOW, {}, 'text', 'title', budget)).toThrow(RenderBudgetExceededError);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(budget.remainingMs).toBe(0);
    const again = performance.now();
    expect(() => renderLiquid('{{ 1 }}', {}, 'text', 'message', budget)).toThrow(/message: not rendered\. One request may spend 0\.15 s/);
    expect(performance.now() - again).toBeLessThan(50);
  });

  it('caps the number of renders', () => {
    const budget = newRenderBudget(1_000, 2);
    renderLiquid('a', {}, 'text', 'body', budget);
    renderLiquid('b', {}, 'text', 'body', budget);
    expect(() => renderLiquid('c', {}, 'text', 'body', budget)).toThrow(/One request may render 2 templates/);
  });

  it('is a 422 naming the field', () => {
    const err = new RenderBudgetExceededError('subject', 'time', newRenderBudget());
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: { issues: [{ path: 'subject' }] } });
  });

  it('refuses ranges too large to build before the first time check', () => {
    const started = performance.now();
    expect(() => renderLiquid('{% for i in (1..9999999) %}{% endfor %}', {}, 'text', 'title', newRenderBudget())).toThrow(/builds too much/);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
