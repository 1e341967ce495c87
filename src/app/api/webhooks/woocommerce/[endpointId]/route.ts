import { webhookRoute } from '@/server/http/with-webhook';

// POST /api/webhooks/woocommerce/[endpointId]: answer the ping; verify (base64 HMAC), dedupe on delivery id, store, ack; process after
export const POST = webhookRoute('woocommerce');
