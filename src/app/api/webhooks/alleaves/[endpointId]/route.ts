import { withWebhook } from '@/server/http/with-webhook';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';

// POST /api/webhooks/alleaves/[endpointId]: verify (hex HMAC, timestamp), dedupe on the signed event id, store, ack; process after
export const POST = withWebhook('alleaves', receiveWebhook);
