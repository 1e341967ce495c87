import { webhookRoute } from '@/server/http/with-webhook';

// POST /api/webhooks/standard/[endpointId]: verify (Standard Webhooks), dedupe on webhook-id, store, ack; process after
export const POST = webhookRoute('standard');
