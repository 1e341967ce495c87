import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { PreviewRequestSchema, toPreviewInput } from '@/server/services/messaging/message-requests';
import { previewSend } from '@/server/services/messaging/preview-send';

// POST /api/messages/preview: the message as the customer would see it and the gate's decision; sends and records nothing
export const POST = withTenant(async (req, ctx) => ({ preview: await previewSend(ctx, toPreviewInput(await parseJsonBody(req, PreviewRequestSchema))) }), {
  roles: rolesFor('messages:send'),
});
