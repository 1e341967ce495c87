import { webhookRoute } from '@/server/http/with-webhook';

// POST /api/webhooks/shopify/[endpointId]: verify (base64 HMAC), dedupe on webhook and event id, store, ack; process after
export const POST = webhookRoute('shopify');
