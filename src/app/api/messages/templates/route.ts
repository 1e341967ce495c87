import { rolesFor } from '@/domain/roles';
import { CreateTemplateInputSchema } from '@/domain/messaging/template';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createTemplate, listTemplates, sampleSegments } from '@/server/services/messaging/manage-templates';

// GET /api/messages/templates: the dispensary's message templates
export const GET = withTenant(async (_req, ctx) => ({ templates: await listTemplates(ctx) }), { roles: rolesFor('messages:read') });

// POST /api/messages/templates: create a template; unknown variables and content-rule breaches are a 422
export const POST = withTenant(
  async (req, ctx) => {
    const template = await createTemplate(ctx, await parseJsonBody(req, CreateTemplateInputSchema));
    return Response.json({ template, segments: await sampleSegments(ctx, template) }, { status: 201 });
  },
  { roles: rolesFor('messages:send') },
);
