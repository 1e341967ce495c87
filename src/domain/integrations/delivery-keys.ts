import { DEFAULT_ALLEAVES_HEADERS, type HeaderNames, type Provider } from './endpoint';

/** Request headers as plain data: lower-case names, one string each (repeated headers joined by ", "). */
export type IncomingHeaders = Readonly<Record<string, string>>;

export function headerOf(h: IncomingHeaders, name: string): string | null {
  return h[name.toLowerCase()] ?? null;
}

/** A sender's id header, bounded: it is only shown, never trusted. */
const idHeader = (h: IncomingHeaders, name: string) => headerOf(h, name)?.slice(0, 200) ?? null;

export interface DeliveryKeys {
  topic: string | null;
  /** The sender's delivery-id header, kept to show on the delivery page. It is not signed, so it decides nothing. */
  senderDeliveryId: string | null;
  /**
   * What makes two deliveries the same delivery, and the base of their event ids. Built only from
   * what the signature covers, so a captured body replayed with fresh unsigned headers is a duplicate.
   */
  key: string;
}

/** Topics a sender fires once per resource: a second one about the same resource is the same event. */
const ONCE_PER_RESOURCE = /(^|[/.])(create|created|paid|delete|deleted)$/;

/** A body field usable as an id: a non-empty string or a number (large Shopify ids arrive as exact strings). */
function scalarField(body: unknown, name: string): string | null {
  const v = (body as Record<string, unknown> | null)?.[name];
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  // A longer value is not an id we can key on; the body hash still is.
  return t && t.length <= 200 ? t : null;
}

/**
 * A resource webhook (Shopify, WooCommerce): the resource id with the topic, and for topics that
 * repeat (updates) the sender's modification time, so a genuine second update is new while a
 * replay of either is not. Without a modification time the body hash stands in for it. The topic
 * header is not signed; docs/webhooks.md says what that leaves open.
 */
function resourceKey(topic: string | null, id: string, version: string | null, bodyHash: string): string {
  const base = `${topic ?? '-'}:${id}`;
  if (topic && ONCE_PER_RESOURCE.test(topic)) return base;
  return `${base}@${version ?? `sha256:${bodyHash}`}`;
}

/**
 * The dedupe key of a verified delivery. A body without any id is keyed on its hash alone: the
 * unsigned delivery-id header is left out on purpose, since a fresh one on a captured body would
 * otherwise make it new; two byte-identical id-less bodies are indistinguishable from a replay.
 */
export function deliveryKeys(
  provider: Provider,
  input: { headers: IncomingHeaders; body: unknown; bodyHash: string; headerNames?: HeaderNames | null },
): DeliveryKeys {
  const { headers: h, body, bodyHash } = input;
  const byHash = `sha256:${bodyHash}`;
  const id = scalarField(body, 'id');
  switch (provider) {
    case 'shopify': {
      const topic = headerOf(h, 'x-shopify-topic');
      return {
        topic,
        senderDeliveryId: idHeader(h, 'x-shopify-webhook-id'),
        key: id ? resourceKey(topic, id, scalarField(body, 'updated_at'), bodyHash) : byHash,
      };
    }
    case 'woocommerce': {
      const topic = headerOf(h, 'x-wc-webhook-topic');
      const modified = scalarField(body, 'date_modified_gmt') ?? scalarField(body, 'date_modified');
      return { topic, senderDeliveryId: idHeader(h, 'x-wc-webhook-delivery-id'), key: id ? resourceKey(topic, id, modified, bodyHash) : byHash };
    }
    case 'alleaves': {
      const names = input.headerNames ?? DEFAULT_ALLEAVES_HEADERS;
      const headerId = names.deliveryId ? idHeader(h, names.deliveryId) : null;
      // The envelope id is unique per event and reused by retries (docs/webhooks.md), and it is signed.
      return { topic: scalarField(body, 'event'), senderDeliveryId: headerId ?? id, key: id ?? byHash };
    }
    case 'standard': {
      // webhook-id is part of the signed content ("{id}.{timestamp}.{body}"); the signature check requires it.
      const msgId = headerOf(h, 'webhook-id') ?? byHash;
      return { topic: scalarField(body, 'type'), senderDeliveryId: msgId, key: msgId };
    }
  }
}
