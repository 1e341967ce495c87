import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { listGallery } from '@/server/services/playbooks/install-gallery-playbook';

// GET /api/playbooks/gallery: the ready playbooks and which of them are installed
export const GET = withTenant(async (_req, ctx) => ({ gallery: await listGallery(ctx) }), { roles: rolesFor('playbooks:read') });
