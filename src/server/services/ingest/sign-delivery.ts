import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEFAULT_ALLEAVES_HEADERS, type HeaderNames, type Provider } from '@/domain/integrations/endpoint';

export interface SignOptions {
  secret: string;
  body: string;
  /** Shopify and WooCommerce put the topic in a header. */
  topic: string | null;
  now: Date;
  deliveryId: string;
  /** Shopify's X-Shopify-Event-Id; defaults to the delivery id. */
  eventId?: string;
  headerNames?: HeaderNames | null;
}

/**
 * The headers a sender would send with `body`, signature included, exactly as each sender
 * signs. Used by "Send test delivery", the admin CLI, the benchmark and the tests (it imports
 * nothing from the server, so scripts can use it too).
 */
export function signDelivery(provider: Provider, o: SignOptions): Record<string, string> {
  const hmac = createHmac('sha256', o.secret).update(o.body);
  switch (provider) {
    case 'shopify':
      return {
        'content-type': 'application/json',
        'x-shopify-topic': o.topic ?? 'orders/create',
        'x-shopify-hmac-sha256': hmac.digest('base64'),
        'x-shopify-shop-domain': 'pinecone-provisions.myshopify.com',
        'x-shopify-api-version': '2025-01',
        'x-shopify-webhook-id': o.deliveryId,
        'x-shopify-event-id': o.eventId ?? o.deliveryId,
        'x-shopify-triggered-at': o.now.toISOString(),
      };
    case 'woocommerce': {
      const topic = o.topic ?? 'order.created';
      const [resource = '', event = ''] = topic.split('.');
      return {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/8.9.1 Hookshot (WordPress/6.5.3)',
        'x-wc-webhook-source': 'https://riverbend.example/',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': resource,
        'x-wc-webhook-event': event,
        'x-wc-webhook-signature': hmac.digest('base64'),
        'x-wc-webhook-id': '12',
        'x-wc-webhook-delivery-id': o.deliveryId,
      };
    }
    case 'alleaves': {
      const names = o.headerNames ?? DEFAULT_ALLEAVES_HEADERS;
      const h: Record<string, string> = { 'content-type': 'application/json', [names.signature]: `sha256=${hmac.digest('hex')}` };
      if (names.timestamp) h[names.timestamp] = String(Math.floor(o.now.getTime() / 1000));
      if (names.deliveryId) h[names.deliveryId] = o.deliveryId;
      return h;
    }
    case 'standard':
      return {
        'content-type': 'application/json',
        'webhook-id': o.deliveryId,
        'webhook-timestamp': String(Math.floor(o.now.getTime() / 1000)),
        'webhook-signature': new Webhook(o.secret).sign(o.deliveryId, o.now, o.body),
      };
  }
}
