import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { TemplateKeySchema, UpdateTemplateInputSchema } from '@/domain/messaging/template';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { deleteTemplate, getTemplateOrThrow, sampleSegments, updateTemplate } from '@/server/services/messaging/manage-templates';

const Params = z.object({ id: TemplateKeySchema });

// GET /api/messages/templates/[id]: one template (id and key are the same slug)
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => ({ template: await getTemplateOrThrow(ctx, parseParams(params, Params).id) }), {
  roles: rolesFor('messages:read'),
});

// PUT /api/messages/templates/[id]: replace a template's content; its key never changes
export const PUT = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const template = await updateTemplate(ctx, parseParams(params, Params).id, await parseJsonBody(req, UpdateTemplateInputSchema));
    return { template, segments: await sampleSegments(ctx, template) };
  },
  { roles: rolesFor('messages:send') },
);

// DELETE /api/messages/templates/[id]: remove a template (built-in ones cannot be removed)
export const DELETE = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    await deleteTemplate(ctx, parseParams(params, Params).id);
    return { ok: true };
  },
  { roles: rolesFor('messages:send') },
);
