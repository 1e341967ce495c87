import { withMessagingWebhook } from '@/server/http/with-messaging-webhook';
import { receiveBlackleafCallbacks } from '@/server/services/messaging/receive-blackleaf-callbacks';

// POST /api/webhooks/blackleaf/[endpointId]: inbound texts (STOP/START/HELP/replies) and delivery receipts; basic auth, fail closed
export const POST = withMessagingWebhook('blackleaf', receiveBlackleafCallbacks, { maxBytes: 256 * 1024, actor: 'sms-inbound' });
