import { webhookRoute } from '@/server/http/with-webhook';

// POST /api/webhooks/alleaves/[endpointId]: verify (hex HMAC, timestamp), dedupe, store, ack; process after
export const POST = webhookRoute('alleaves');
