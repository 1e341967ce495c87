import { exportFileName } from '@/domain/analytics/report-export';
import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { analyticsPdf } from '@/server/services/analytics/analytics-pdf';
import { getAnalyticsReport } from '@/server/services/analytics/analytics-report';

// GET /api/analytics/export.pdf?from=&to=: the Analytics page as a PDF (attachment)
export const GET = withTenant(
  async (req, ctx) => {
    const r = await getAnalyticsReport(ctx, Object.fromEntries(new URL(req.url).searchParams));
    const pdf = await analyticsPdf(r, ctx.clock.now());
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${exportFileName(r.dispensary.slug, r.range.from, r.range.to, 'pdf')}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { roles: rolesFor('analytics:read') },
);
