import { describe, expect, it } from 'vitest';
import { composeMessage, type ComposeInput } from './compose-message';

const settings = {
  footer: { businessName: 'Pinecone <Provisions>', address: '1200 Woodward Ave, Detroit, MI 48226' },
  sender: { fromName: 'Pinecone', fromEmail: 'hi@pinecone.example', replyTo: null, smsBrandName: 'Pinecone' },
};
const base: ComposeInput = {
  channel: 'email',
  kind: 'marketing',
  purpose: 'message',
  subject: 'New drops',
  body: '<p>Hi Jamie, see <a href="https://shop.example/new?a=1&amp;b=2">what is new</a> and <a href="https://shop.example/new?a=1&amp;b=2">again</a>, or <a href=\'https://other.example\'>this</a>.</p>',
  settings,
  tracking: { baseUrl: 'https://app.example', trackToken: 'tok123456789' },
  unsubscribe: { pageUrl: 'https://app.example/unsubscribe/abc', oneClickUrl: 'https://app.example/api/unsubscribe/abc' },
};

describe('composeMessage', () => {
  it('gives a marketing email its footer, unsubscribe link and RFC 8058 headers', () => {
    const m = composeMessage(base);
    expect(m.html).toContain('Pinecone &lt;Provisions&gt;');
    expect(m.html).toContain('1200 Woodward Ave');
    expect(m.html).toContain('href="https://app.example/unsubscribe/abc"');
    expect(m.headers).toEqual({ 'List-Unsubscribe': '<https://app.example/api/unsubscribe/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(m.text).toMatch(/Unsubscribe/);
  });

  it('tracks every link once, and never the unsubscribe link', () => {
    const m = composeMessage(base);
    expect(m.links).toEqual(['https://shop.example/new?a=1&b=2', 'https://other.example']);
    expect(m.html).toContain('href="https://app.example/r/tok123456789-0"');
    expect(m.html).toContain("href='https://app.example/r/tok123456789-1'");
    expect(m.html).not.toContain('shop.example');
  });

  it('gives a transactional email the address but no unsubscribe', () => {
    const m = composeMessage({ ...base, kind: 'transactional' });
    expect(m.html).toContain('1200 Woodward Ave');
    expect(m.html).not.toContain('Unsubscribe');
    expect(m.headers).toEqual({});
  });

  it('brands a marketing SMS and adds the opt-out line, and counts its segments', () => {
    const m = composeMessage({ ...base, channel: 'sms', subject: null, body: 'Flash sale today: https://shop.example/sale.' });
    expect(m.text).toBe('Pinecone: Flash sale today: https://app.example/r/tok123456789-0.\nReply STOP to opt out');
    expect(m.links).toEqual(['https://shop.example/sale']);
    expect(m.segments).toEqual({ count: 1, encoding: 'GSM-7', characters: m.text.length });
  });

  it('does not repeat the brand or the opt-out line when the text has them', () => {
    const m = composeMessage({ ...base, channel: 'sms', subject: null, tracking: null, body: 'Hi from Pinecone! Reply STOP to opt out.' });
    expect(m.text).toBe('Hi from Pinecone! Reply STOP to opt out.');
  });

  it('leaves a transactional SMS as written', () => {
    expect(composeMessage({ ...base, channel: 'sms', kind: 'transactional', subject: null, tracking: null, body: 'Your order is ready.' }).text).toBe(
      'Your order is ready.',
    );
  });
});
