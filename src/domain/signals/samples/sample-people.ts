/** The fictional shopper every sample delivery is about (555-01xx numbers are reserved for fiction). */
export interface SamplePerson {
  firstName: string;
  lastName: string;
  email: string;
  /** As a person would type it; the pipeline normalises it to E.164. */
  phone: string;
}

export const SAMPLE_PERSON: SamplePerson = { firstName: 'Jamie', lastName: 'Rivera', email: 'jamie.rivera@example.com', phone: '(313) 555-0148' };

export interface SampleProduct {
  sku: string;
  name: string;
  brand: string;
  category: string;
  priceCents: number;
}

export const SAMPLE_PRODUCTS: SampleProduct[] = [
  { sku: 'SAMPLE-FLW-0001', name: 'Blue Dream 3.5g', brand: 'Great Lakes Growers', category: 'Flower', priceCents: 3500 },
  { sku: 'SAMPLE-EDB-0002', name: 'Watermelon Gummies 100mg', brand: 'Motor City Confections', category: 'Edibles', priceCents: 1800 },
];

export interface SampleOptions {
  now: Date;
  /** Makes ids unique per sample: each test delivery is a new order. */
  uid: number;
  person?: SamplePerson;
  products?: SampleProduct[];
  /** The store's own customer id for the person, so repeated samples update one profile. */
  customerId?: number;
}

export const money = (cents: number) => (cents / 100).toFixed(2);
export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Shopify-style timestamps carry the shop's offset: "2024-05-01T10:00:00-04:00". */
export function isoWithOffset(d: Date, offsetHours = -4): string {
  const shifted = new Date(d.getTime() + offsetHours * 3_600_000);
  const sign = offsetHours < 0 ? '-' : '+';
  const hh = String(Math.abs(offsetHours)).padStart(2, '0');
  return `${shifted.toISOString().slice(0, 19)}${sign}${hh}:00`;
}
