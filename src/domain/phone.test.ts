import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it('gives E.164 for a typed number, and null for one that is not valid', () => {
    expect(normalizePhone('(313) 555-0142')).toBe('+13135550142');
    expect(normalizePhone('  313.555.0142 ')).toBe('+13135550142');
    expect(normalizePhone('555')).toBeNull();
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });

  it('answers a number it has seen before the same way, per default country', () => {
    // A London number: valid read as British, not as American; asked in both orders, twice each.
    for (let i = 0; i < 2; i++) {
      expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
      expect(normalizePhone('020 7946 0958', 'US')).toBeNull();
    }
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and trims, and refuses what is not an address', () => {
    expect(normalizeEmail(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeEmail('not an address')).toBeNull();
  });
});
