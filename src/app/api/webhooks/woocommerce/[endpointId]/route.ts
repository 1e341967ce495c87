import { withWebhook } from '@/server/http/with-webhook';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';

// POST /api/webhooks/woocommerce/[endpointId]: answer the ping; verify (base64 HMAC), dedupe on the signed resource id + topic (+ date_modified_gmt), store, ack; process after
export const POST = withWebhook('woocommerce', receiveWebhook);
