import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_IDS_MAX, foldText, parseSearch, SEARCH_KEYS_MAX, searchKeysOf, SearchSourceIncompleteError, withSearchKeys } from './search-keys';

const ada = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@example.com',
  phone: '+13135550142',
  externalIds: ['alleaves:A-7781', 'shopify:90210'],
};
const finds = (query: string, who = ada) => {
  const token = parseSearch(query)?.token;
  return token != null && searchKeysOf(who).includes(token);
};

describe('search at the counter', () => {
  it('finds by a first or last name prefix, and by the start of "first last", whatever the case and accents', () => {
    for (const q of ['ada', 'A', 'love', 'LOVELACE', 'Ada L', 'ada lovel', 'Ada Lovelace']) expect(finds(q), q).toBe(true);
    const jose = { ...ada, firstName: 'José', lastName: "O'Brien-Núñez" };
    for (const q of ['jose', 'JOSÉ', 'obrien', "o'brien", 'nunez', 'núñ', 'jose obrien n']) expect(finds(q, jose), q).toBe(true);
  });

  it('does not find a name by its middle, nor "last first", nor a first name prefix followed by the last name', () => {
    for (const q of ['velace', 'lovelace ada', 'ad lovelace', 'da']) expect(finds(q), q).toBe(false);
  });

  it('finds by the last 4 digits, any 4+ digit part of the number, and the full number in any format', () => {
    for (const q of ['0142', '5550142', '3135', '1355', '555-01', '(313) 555-0142', '+1 313 555 0142', '1-313-555-0142', '3135550142'])
      expect(finds(q), q).toBe(true);
    expect(finds('0143')).toBe(false);
    expect(parseSearch('142')).toEqual({ kind: 'phone', token: null });
  });

  it('finds by an email prefix (with the @) or the whole email, not by another domain', () => {
    for (const q of ['ad@', 'ada.love@', 'ADA.LOVELACE@EXAMPLE.COM', 'ada.lovelace@exam']) expect(finds(q), q).toBe(true);
    expect(finds('ada.lovelace@other.com')).toBe(false);
    expect(parseSearch('a@')).toEqual({ kind: 'email', token: null });
  });

  it('finds by an external id, with or without its provider, and a numeric one by its digits', () => {
    for (const q of ['alleaves:A-7781', 'a-7781', 'A-7781', 'shopify:90210', '90210']) expect(finds(q), q).toBe(true);
    expect(finds('a-7782')).toBe(false);
    expect(parseSearch('A-7781')?.kind).toBe('external_id');
  });

  it('reads an empty query as no search and punctuation alone as a name that matches nothing', () => {
    expect(parseSearch('   ')).toBeNull();
    expect(parseSearch('!!')).toEqual({ kind: 'name', token: null });
  });

  it('keeps the kinds apart: a name never matches a phone part or an email prefix', () => {
    const digitsName = { ...ada, firstName: 'Ev', lastName: 'Lo', email: 'ev@x.io' };
    expect(searchKeysOf(digitsName)).toContain('e:ev');
    expect(parseSearch('ev')?.token).toBe('n:ev');
    expect(parseSearch('ev@')?.token).toBe('e:ev');
  });

  it('folds accents and punctuation the same way for names and queries', () => {
    expect(foldText('  Ÿvès  Straße-Øst ')).toBe('yves strasse ost');
  });
});

describe('withSearchKeys', () => {
  it('fills keys for a whole profile and leaves a patch without search fields alone', () => {
    expect(withSearchKeys({ ...ada }).searchKeys).toEqual(searchKeysOf(ada));
    expect(withSearchKeys({ tags: ['vip'] })).toEqual({ tags: ['vip'] });
  });

  it('refuses a patch carrying only part of what the keys are made from', () => {
    expect(() => withSearchKeys({ firstName: 'Ada' })).toThrow(SearchSourceIncompleteError);
  });
});

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéüñøß'.split(''));
const word = fc.array(letter, { minLength: 1, maxLength: 14 }).map((a) => a.join(''));
const name = fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '-', "'")).map(([w, sep]) => w.join(sep));
const digit = fc.constantFrom(...'0123456789'.split(''));
const phone = fc
  .tuple(fc.constantFrom('313', '212', '415', '617', '312'), fc.constantFrom(...'23456789'.split('')), fc.array(digit, { minLength: 6, maxLength: 6 }))
  .map(([area, first, rest]) => `+1${area}${first}${rest.join('')}`);
const email = fc
  .tuple(fc.array(fc.constantFrom(...'abcxyz019._'.split('')), { minLength: 1, maxLength: 30 }), fc.constantFrom('example.com', 'mail.io'))
  .map(([l, d]) => `${l.join('')}@${d}`);
const externalId = fc
  .tuple(
    fc.constantFrom('alleaves', 'shopify', 'woocommerce'),
    fc.oneof(fc.array(digit, { minLength: 4, maxLength: 12 }), fc.array(fc.constantFrom(...'ab-19'.split('')), { minLength: 1, maxLength: 20 })),
  )
  .map(([p, id]) => `${p}:${id.join('')}`);
const customer = fc.record({
  firstName: fc.oneof(name, fc.constant('')),
  lastName: fc.oneof(name, fc.constant('')),
  email: fc.option(email),
  phone: fc.option(phone),
  externalIds: fc.array(externalId, { maxLength: 12 }),
});

describe('search keys, over random profiles', () => {
  it('stay within the bound', () => {
    fc.assert(fc.property(customer, (c) => searchKeysOf(c).length <= SEARCH_KEYS_MAX));
  });

  it('stay within the bound in the worst case each part allows', () => {
    const worst = {
      firstName: 'a bcdefghijklmnop qrstuvwxyzabcd',
      lastName: 'efghijklmnopqrst uvwxyzabcdefgh',
      email: 'abcdefghijklmnopqrstuvwxyz@example.com',
      phone: '+4915123456789012',
      externalIds: Array.from({ length: 20 }, (_, i) => `alleaves:id-${i}-x`),
    };
    const keys = searchKeysOf(worst);
    expect(keys.length).toBeLessThanOrEqual(SEARCH_KEYS_MAX);
    // Nothing was cut by the backstop: every kind made it in, the last external id kept too.
    expect(keys).toContain(`x:id-${EXTERNAL_IDS_MAX - 1}-x`);
  });

  it('find the customer by every kind of query a person at the counter would type', () => {
    const ask = fc.record({ c: customer, k: fc.nat(), len: fc.nat() });
    fc.assert(
      fc.property(ask, ({ c, k, len }) => {
        const keys = searchKeysOf(c);
        const queries: string[] = [];
        const firstWord = foldText(c.firstName).split(' ')[0];
        const lastWord = foldText(c.lastName).split(' ')[0];
        if (firstWord) queries.push(firstWord.slice(0, 1 + (len % firstWord.length)).toUpperCase());
        if (lastWord) queries.push(lastWord.slice(0, 1 + (len % lastWord.length)));
        if (firstWord && lastWord) queries.push(`${c.firstName} ${c.lastName}`);
        if (c.phone) {
          const national = c.phone.slice(2);
          const start = k % (national.length - 3);
          const end = start + 4 + (len % (national.length - start - 3));
          queries.push(national.slice(-4), national.slice(start, end), `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`);
        }
        if (c.email) {
          const local = c.email.split('@')[0]!;
          if (local.length >= 2) queries.push(`${local.slice(0, 2 + (len % (local.length - 1)))}@`);
          queries.push(c.email.toUpperCase());
        }
        for (const ext of c.externalIds.slice(0, EXTERNAL_IDS_MAX)) queries.push(ext);
        for (const q of queries) {
          const token = parseSearch(q)?.token;
          if (!token || !keys.includes(token)) throw new Error(`"${q}" (${token}) does not find ${JSON.stringify(c)}`);
        }
      }),
    );
  });
});
