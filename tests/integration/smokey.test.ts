// Smokey, the budtender, through the API against the emulators: a seeded customer who buys indica
// edibles gets in-stock suggestions at her home store, affinity first, each with a reason; the
// owner's excluded categories hold; Claude only rewords the reasons, and its failure changes nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as recommendationsRoute from '@/app/api/customers/[id]/recommendations/route';
import * as upsellRoute from '@/app/api/recommendations/upsell/route';
import * as productsRoute from '@/app/api/products/route';
import * as settingsRoute from '@/app/api/settings/recommendations/route';
import { tenantDb } from '@/server/db/tenant-db';
import { forgetSmokeyCatalog } from '@/server/services/agents/smokey-catalog';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import '@/server/services/playbooks/steps';
import { startAnthropicFake, type AnthropicFake } from '../support/fakes/anthropic';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { middayClock } from '../support/messaging';
import { activePlaybook, sendsTo } from '../support/playbooks';
import { HOME, seedSmokeyShop, type SmokeyShop } from '../support/smokey';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let shop: SmokeyShop;
let claude: AnthropicFake;

interface Suggestion {
  productId: string;
  name: string;
  reason: string;
  url: string;
  categoryLabel: string;
}
const ask = async (limit = 5) => {
  const res = await call<{ source: string; notice: string | null; homeLocationId: string | null; suggestions: Suggestion[] }>(recommendationsRoute.GET, {
    cookie: await t.cookie('budtender'),
    params: { id: shop.customerId },
    path: `/api/customers/${shop.customerId}/recommendations?limit=${limit}`,
  });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  [claude, t] = await Promise.all([startAnthropicFake(), createTestTenant('Smokey')]);
  shop = await seedSmokeyShop(t.orgId, new Date());
  setProviderEnv({ ANTHROPIC_BASE_URL: claude.url });
});
afterAll(async () => {
  setProviderEnv({});
  await claude.close();
});

describe('Smokey, the budtender', () => {
  it('suggests what she leans to, in stock at her home store, never inactive, never just bought, each with a reason', async () => {
    const body = await ask();
    const ids = body.suggestions.map((s) => s.productId);
    expect(body).toMatchObject({ source: 'ready', homeLocationId: HOME, notice: null });
    expect(ids).toEqual([shop.ids.bought, shop.ids.match, shop.ids.newMatch, shop.ids.beverage, shop.ids.concentrate]);
    for (const gone of [shop.ids.elsewhere, shop.ids.inactive, shop.ids.justBought]) expect(ids).not.toContain(gone);
    const byId = Object.fromEntries(body.suggestions.map((s) => [s.productId, s]));
    expect(byId[shop.ids.match]!.reason).toBe('Buys indica edibles and likes Orchard Chews; in stock at their store');
    expect(byId[shop.ids.newMatch]!.reason).toBe('Buys indica edibles; this one is new and in stock at their store');
    expect(byId[shop.ids.match]!.categoryLabel).toBe('Edibles');
    expect(byId[shop.ids.match]!.url).toMatch(new RegExp(`/menu/[a-z0-9-]+#product-${shop.ids.match}$`));
  });

  it('never suggests a category the owner excluded', async () => {
    const refused = await call(settingsRoute.PUT, { method: 'PUT', cookie: await t.cookie('owner'), body: { excludedCategories: ['gummies'] } });
    expect(refused.status).toBe(422);
    try {
      const put = await call(settingsRoute.PUT, { method: 'PUT', cookie: await t.cookie('owner'), body: { excludedCategories: ['edible'] } });
      expect(put.status).toBe(200);
      const ids = (await ask()).suggestions.map((s) => s.productId);
      expect(ids).toEqual([shop.ids.beverage, shop.ids.concentrate, shop.ids.vape, shop.ids.accessory]);
    } finally {
      await call(settingsRoute.PUT, { method: 'PUT', cookie: await t.cookie('owner'), body: { excludedCategories: [] } });
    }
  });

  it('lets Claude reword the reasons, keeping the list, its order and any reason it words as a health claim', async () => {
    setProviderEnv({ ANTHROPIC_API_KEY: claude.apiKey, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '2000' });
    try {
      const before = (await ask(3)).suggestions;
      claude.answers.push({
        reasons: [
          { productId: shop.ids.match, reason: 'She loves Orchard Chews indica gummies; this flavour is on the shelf.' },
          { productId: shop.ids.newMatch, reason: 'This gummy cures insomnia.' },
          { productId: 'p_invented', reason: 'Not on the list.' },
        ],
      });
      const body = await ask(3);
      expect(body.source).toBe('claude');
      expect(body.suggestions.map((s) => s.productId)).toEqual(before.map((s) => s.productId));
      const byId = Object.fromEntries(body.suggestions.map((s) => [s.productId, s.reason]));
      expect(byId[shop.ids.match]).toBe('She loves Orchard Chews indica gummies; this flavour is on the shelf.');
      expect(byId[shop.ids.newMatch]).toBe('Buys indica edibles; this one is new and in stock at their store');
      expect(JSON.stringify(claude.requests.at(-1)!.messages)).toContain('Blackberry Indica Gummies');

      claude.next({ status: 500 });
      const failed = await ask(3);
      expect(failed.source).toBe('ready');
      expect(failed.notice).toMatch(/Claude could not word the reasons/);
      expect(failed.suggestions).toEqual(before);
    } finally {
      setProviderEnv({ ANTHROPIC_BASE_URL: claude.url });
    }
  });

  it('sees stock change once the catalog is read again', async () => {
    await tenantDb(t.orgId).products.update(shop.ids.match, { stock: { [HOME]: 0 } });
    forgetSmokeyCatalog(t.orgId);
    expect((await ask()).suggestions.map((s) => s.productId)).not.toContain(shop.ids.match);
  });

  it('upsells complements for a basket, never its own categories', async () => {
    const res = await call<{ suggestions: Suggestion[] }>(upsellRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('budtender'),
      body: { productIds: [shop.ids.bought], locationId: HOME },
    });
    expect(res.status).toBe(200);
    // Edibles go with beverages, then tinctures (none on this menu); never another edible.
    expect(res.body.suggestions.map((s) => s.productId)).toEqual([shop.ids.beverage]);
    expect(res.body.suggestions[0]!.reason).toBe('Goes with the edibles in the basket (also indica, same brand); in stock at their store');
    const empty = await call(upsellRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), body: { productIds: [] } });
    expect(empty.status).toBe(422);
  });

  it('finds menu products for the basket by name or brand, names first, never a retired one', async () => {
    const cookie = await t.cookie('budtender');
    const find = (q: string) =>
      call<{ products: Array<{ id: string; name: string; stock: number }> }>(productsRoute.GET, { cookie, path: `/api/products?q=${encodeURIComponent(q)}` });
    const gummies = await find('GUMMIES');
    expect(gummies.status).toBe(200);
    const names = gummies.body.products.map((p) => p.name);
    expect(names).toContain('Night Gummies 100mg');
    expect(names).not.toContain('Retired Indica Gummies 100mg');
    // By brand; and a name that starts with the text comes before one that only holds it.
    expect((await find('lumen')).body.products.map((p) => p.name)).toEqual(['Lemon Haze Cart 0.5g']);
    expect((await find('black')).body.products.map((p) => p.name)).toEqual(['Black Cherry Seltzer 5mg', 'Blackberry Indica Gummies 100mg']);
    const blank = await call(productsRoute.GET, { cookie, path: '/api/products?q=%20' });
    expect(blank.status).toBe(422);
    expect(JSON.stringify(blank.body)).toContain('Type part of a product or brand name');
  });
});

describe('the recommend_products playbook step', () => {
  const cards =
    '<p>Picked for you:</p>{% for p in recommendations %}<p><a href="{{ p.url }}">{{ p.name }}</a> by {{ p.brand }}, {{ p.price | money }}. {{ p.reason }}</p>{% endfor %}';

  it('puts Smokey’s picks in the next email as product cards whose links are tracked', async () => {
    const other = await createTestTenant('Smokey step');
    const clock = middayClock();
    const s = await seedSmokeyShop(other.orgId, clock.now());
    const playbook = await activePlaybook(
      other,
      {
        name: 'Picked for you',
        triggers: [{ type: 'manual' }],
        entry: { runKey: 'customerId', reentry: 'always' },
        steps: [
          { action: 'recommend_products', id: 'pick', limit: 2 },
          { action: 'send_email', id: 'mail', subject: 'Picked for you', body: cards, kind: 'marketing' },
        ],
      },
      clock,
    );
    const started = await runPlaybookManually(other.ctx('admin', clock), playbook.id, { customerId: s.customerId });
    expect(started.started).toBe(1);
    const run = await tenantDb(other.orgId).runs.getOrThrow(started.runIds[0]!);
    expect(run.stepResults.find((r) => r.stepId === 'pick')?.detail).toBe('Smokey picked 2 products: Night Gummies 100mg, Blackberry Indica Gummies 100mg');

    const sends = await sendsTo(other.orgId, s.customerId);
    expect(sends).toHaveLength(1);
    const html = sends[0]!.message.html ?? '';
    expect(html).toContain('Night Gummies 100mg</a> by Orchard Chews, $20.00. Buys indica edibles and likes Orchard Chews');
    expect(html).toContain('Blackberry Indica Gummies 100mg');
    expect(html).not.toContain('Mango Indica Gummies');
    // The menu links are kept on the send and the email carries only the tracked redirects.
    expect(sends[0]!.links).toEqual([
      expect.stringMatching(new RegExp(`/menu/[a-z0-9-]+#product-${s.ids.bought}$`)),
      expect.stringMatching(new RegExp(`#product-${s.ids.match}$`)),
    ]);
    expect(html).not.toContain('/menu/');
    expect(html).toContain(`/r/${sends[0]!.trackToken}-0`);
  });

  it('refuses to save an email that lists suggestions without a step that makes them', async () => {
    const other = await createTestTenant('Smokey check');
    const err = await activePlaybook(other, {
      name: 'No picks',
      triggers: [{ type: 'manual' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      steps: [{ action: 'send_email', id: 'mail', subject: 'Picked for you', body: cards }],
    }).catch((e: { details?: unknown }) => e);
    expect(JSON.stringify((err as { details?: unknown }).details)).toContain('add a “Smokey suggests products” step before it');
    const tooMany = await activePlaybook(other, {
      name: 'Too many',
      triggers: [{ type: 'manual' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      steps: [{ action: 'recommend_products', limit: 7 }],
    }).catch((e: { details?: unknown }) => e);
    expect(JSON.stringify((tooMany as { details?: unknown }).details)).toContain('Suggest at most 6 products');
  });
});
