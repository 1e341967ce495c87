import type { ProductCategory } from '../product';

const WORDS: Array<[RegExp, ProductCategory]> = [
  [/pre[\s_-]?rolls?|joints?|blunts?/, 'pre_roll'],
  [/vapes?|vaporizers?|cartridges?|carts?|pods?/, 'vape'],
  [/edibles?|gumm(y|ies)|chocolates?|candy|candies|baked/, 'edible'],
  [/concentrates?|wax|shatter|rosin|resin|badder|budder|dabs?|hash/, 'concentrate'],
  [/tinctures?|oils?|drops/, 'tincture'],
  [/topicals?|balms?|lotions?|creams?|salves?/, 'topical'],
  [/beverages?|drinks?|sodas?|seltzers?/, 'beverage'],
  [/flowers?|buds?|eighths?|ounces?|smalls|shake/, 'flower'],
  [/accessor(y|ies)|gear|papers?|grinders?|pipes?|batter(y|ies)/, 'accessory'],
];

/** Reads a sender's free-text category ("Edibles", "Pre-Rolls", "Vape Cartridges") as ours. */
export function categoryFromText(text: string | null | undefined): ProductCategory | null {
  if (!text) return null;
  const t = text.toLowerCase();
  for (const [re, cat] of WORDS) if (re.test(t)) return cat;
  return null;
}
