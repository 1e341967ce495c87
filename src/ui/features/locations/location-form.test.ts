import { describe, expect, it } from 'vitest';
import { locationBody } from './location-form';

describe('locationBody', () => {
  it('keeps every opening a day had, empties a closed day, and splits the store ids', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: ' Venice ',
      line1: '1 Main',
      city: 'Los Angeles',
      region: 'CA',
      postalCode: '90291',
      country: '',
      timeZone: 'America/Los_Angeles',
      'mon.0.open': '09:00',
      'mon.0.close': '21:00',
      'sat.0.open': '10:00',
      'sat.0.close': '14:00',
      'sat.1.open': '15:00',
      'sat.1.close': '22:00',
      'sun.closed': 'on',
      'sun.0.open': '09:00',
      'sun.0.close': '21:00',
      externalIds: 'alleaves:store-12,  shopify:24826418\n',
    }))
      form.set(k, v);
    const body = locationBody(form);
    expect(body).toMatchObject({ name: 'Venice', address: { country: 'US' }, externalIds: ['alleaves:store-12', 'shopify:24826418'] });
    expect(body.businessHours).toMatchObject({
      mon: [{ open: '09:00', close: '21:00' }],
      sat: [
        { open: '10:00', close: '14:00' },
        { open: '15:00', close: '22:00' },
      ],
      sun: [],
      tue: [],
    });
    expect('phone' in body).toBe(false);
  });
});
