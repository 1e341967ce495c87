import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { SendRequestSchema, toSendInput } from '@/server/services/messaging/message-requests';
import { sendMessage } from '@/server/services/messaging/send-message';

// POST /api/messages/send: staff send one templated (or written) email or SMS to a customer, through the gate
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, SendRequestSchema);
    return { send: await sendMessage(ctx, toSendInput(body, ctx.actor.uid)) };
  },
  { roles: rolesFor('messages:send') },
);
