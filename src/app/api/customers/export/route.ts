import { parseCustomerListQuery } from '@/domain/crm/customer-list-filter';
import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { startCustomerExport } from '@/server/services/customers/export-customers';

// GET /api/customers/export?<the list's filters>: the filtered list as CSV, streamed page by page
export const GET = withTenant(
  async (req, ctx) => {
    const exp = await startCustomerExport(ctx, parseCustomerListQuery(Object.fromEntries(new URL(req.url).searchParams)));
    const rows = exp.chunks[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    // Pulled: the next page is read only when the client has taken the previous one.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          ctx.log.error({ err, logId: exp.logId }, 'customer export failed mid-stream');
          controller.error(err);
        }
      },
      async cancel() {
        await rows.return?.(undefined);
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${exp.filename}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { roles: rolesFor('customers:read') },
);
