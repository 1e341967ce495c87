import { withWebhook } from '@/server/http/with-webhook';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';

// POST /api/webhooks/standard/[endpointId]: verify (Standard Webhooks), dedupe on webhook-id, store, ack; process after
export const POST = withWebhook('standard', receiveWebhook);
