import { describe, expect, it } from 'vitest';
import { galleryItem, GALLERY } from './gallery';
import { assignStepIds } from './playbook';
import { findPlaceholders, placeholderMessage, placeholdersIn } from './placeholders';
import type { Step } from './steps';

describe('placeholdersIn', () => {
  it.each([
    ['https://example.com/leave-a-review', ['https://example.com/leave-a-review']],
    ['See http://www.example.org/x?y=1.', ['http://www.example.org/x?y=1']],
    ['<a href="https://shop.example.net">shop</a>', ['https://shop.example.net']],
    ['Write to hello@riverbend.example today', ['hello@riverbend.example']],
    ['mailto:owner@example.com', ['owner@example.com']],
    ['visit example.com, then', ['example.com']],
    ['Use code [[your offer code]] by Friday', ['[[your offer code]]']],
    ['[[a]] and [[a]] again', ['[[a]]']],
  ])('%s', (text, found) => expect(placeholdersIn(text)).toEqual(found));

  it.each([
    'https://g.page/r/pinecone-provisions/review',
    'https://www.leafly.com/dispensary-info/riverbend/reviews',
    'for example, a VIP',
    'https://examples.com/x',
    'https://example.co/x',
    'https://notexample.com',
    '{{ review.url }} and {% if offer %}',
    'a [single] bracket',
  ])('leaves a real value alone: %s', (text) => expect(placeholdersIn(text)).toEqual([]));
});

describe('findPlaceholders', () => {
  it('finds the gallery review request’s example link and names the step and the field', () => {
    const steps = assignStepIds(galleryItem('review_request')!.definition.steps as Step[]);
    const found = findPlaceholders(steps);
    expect(found).toEqual([
      expect.objectContaining({
        path: 'steps.1.variables.review.url',
        field: 'variables.review.url',
        stepName: 'Review request',
        value: 'https://example.com/leave-a-review',
      }),
    ]);
    expect(placeholderMessage(found[0]!)).toBe(
      'Replace the example value https://example.com/leave-a-review in the “Review request” step (review.url) with your own before activating.',
    );
  });

  it('looks into branches, A/B arms and written copy, but not conditions, labels or steps that are not messages', () => {
    const steps = assignStepIds([
      {
        action: 'condition',
        if: 'customer.email == "a@example.com"',
        label: 'example.com fans',
        then: [{ action: 'send_sms', body: 'Order at [[shop link]]' }],
        else: [],
      },
      {
        action: 'ab_split',
        variants: [
          { name: 'A', weight: 50, steps: [{ action: 'send_email', subject: 'Hi', body: 'Menu: https://menu.example.com/x' }] },
          { name: 'C', weight: 50, steps: [{ action: 'webhook', url: 'https://hooks.example.com/x' }] },
          { name: 'B', weight: 50, steps: [] },
        ],
      },
    ] as unknown as Step[]);
    expect(findPlaceholders(steps).map((p) => [p.path, p.stepName, p.value])).toEqual([
      ['steps.0.then.0.body', 'Send SMS', '[[shop link]]'],
      ['steps.1.variants.0.steps.0.body', 'Send email', 'https://menu.example.com/x'],
    ]);
  });

  it('looks into the templates a message step sends, when given them', () => {
    const steps = assignStepIds([{ action: 'send_email', template: 'promo' }] as unknown as Step[]);
    const templates = new Map([['promo', { name: 'Promo', subject: 'Hi', body: '<a href="https://example.com/menu">Menu</a>' }]]);
    const [found] = findPlaceholders(steps, templates);
    expect(found).toMatchObject({ path: 'steps.0.template', template: 'Promo', value: 'https://example.com/menu' });
    expect(placeholderMessage(found!)).toBe(
      'Replace the example value https://example.com/menu in the template “Promo” of the “Send email” step with your own before activating.',
    );
  });

  it('finds nothing in the other gallery playbooks', () => {
    const others = GALLERY.filter((g) => g.key !== 'review_request');
    for (const g of others) expect(findPlaceholders(assignStepIds(g.definition.steps as Step[]))).toEqual([]);
  });
});
