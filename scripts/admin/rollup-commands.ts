import { systemActor } from '@/domain/roles';
import { tenantsCollection } from '@/server/db/tenant-db';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { need, optional, type CommandGroup } from './registry';

export const rollupCommands: CommandGroup = {
  name: 'rollups',
  summary: 'daily sales and message rollups (docs/analytics.md, Daily rollups)',
  commands: [
    {
      name: 'rebuild',
      summary: 'Recomputes the daily rollups from the orders, refunds and sends, and overwrites them.',
      options: {
        tenant: { description: 'Dispensary id', required: true },
        from: { description: 'First local day, YYYY-MM-DD (default: the first order or message)' },
        to: { description: 'Last local day, YYYY-MM-DD (default: today)' },
      },
      async run(o, ctx) {
        const orgId = need(o, 'tenant');
        await tenantsCollection().getOrThrow(orgId);
        const report = await rebuildRollups({ orgId, actor: systemActor('admin-cli'), clock: ctx.clock }, { from: optional(o, 'from'), to: optional(o, 'to') });
        return {
          from: report.from,
          to: report.to,
          days: report.days,
          daysWithFigures: Object.keys(report.totals).length,
          orders: report.orders,
          sends: report.sends,
        };
      },
    },
  ],
};
