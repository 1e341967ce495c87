import { analyticsCsv, exportFileName } from '@/domain/analytics/report-export';
import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getAnalyticsReport } from '@/server/services/analytics/analytics-report';

// GET /api/analytics/export.csv?from=&to=: the Analytics page as one CSV (attachment)
export const GET = withTenant(
  async (req, ctx) => {
    const r = await getAnalyticsReport(ctx, Object.fromEntries(new URL(req.url).searchParams));
    const csv = analyticsCsv({ ...r, dispensary: r.dispensary.name, from: r.range.from, to: r.range.to });
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(r.dispensary.slug, r.range.from, r.range.to, 'csv')}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { roles: rolesFor('analytics:read') },
);
