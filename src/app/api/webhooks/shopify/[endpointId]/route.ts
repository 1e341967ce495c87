import { withWebhook } from '@/server/http/with-webhook';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';

// POST /api/webhooks/shopify/[endpointId]: verify (base64 HMAC), dedupe on the signed resource id + topic (+ updated_at), store, ack; process after
export const POST = withWebhook('shopify', receiveWebhook);
