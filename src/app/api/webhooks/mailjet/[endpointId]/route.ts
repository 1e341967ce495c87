import { withMessagingWebhook } from '@/server/http/with-messaging-webhook';
import { receiveMailjetEvents } from '@/server/services/messaging/receive-mailjet-events';

// POST /api/webhooks/mailjet/[endpointId]: Mailjet event callbacks (single or grouped); basic auth from the URL, fail closed
export const POST = withMessagingWebhook('mailjet', receiveMailjetEvents, { maxBytes: 2 * 1024 * 1024, actor: 'mailjet-events' });
