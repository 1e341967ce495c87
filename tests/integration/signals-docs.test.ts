import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listEventNames } from '@/domain/events/catalogue';
import { handledTopics } from '@/domain/signals/map-delivery';

// The docs are the contract with dispensaries and with the playbook engine: they must name
// every event and every topic the code handles.
describe('docs', () => {
  it('docs/events.md lists every event in the catalogue', () => {
    const doc = readFileSync('docs/events.md', 'utf8');
    for (const name of listEventNames()) expect(doc, name).toContain(`\`${name}\``);
  });

  it('docs/webhooks.md names every topic each sender may send', () => {
    const doc = readFileSync('docs/webhooks.md', 'utf8');
    for (const source of ['alleaves', 'shopify', 'woocommerce', 'track_api'] as const) {
      for (const topic of handledTopics(source)) expect(doc, `${source} ${topic}`).toContain(topic);
    }
  });
});
