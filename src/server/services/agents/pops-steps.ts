import { renderWeeklyEmail } from '@/domain/agents/pops-email';
import { formatCents } from '@/domain/money';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { registerStepHandler } from '../playbooks/engine/step-handler';
import { sendStaffEmail } from '../messaging/send-staff-email';
import { buildPopsReport } from './pops-report';

registerStepHandler('pops_weekly_report', {
  // Each recipient's send id comes from the step's key and the recipient: a retry finds the sends it made.
  idempotentByKey: true,
  async execute(ctx) {
    const roles = ctx.step.recipients === 'owners_admins' ? ['owner', 'admin'] : ['owner'];
    const [tenant, staffSnap, report] = await Promise.all([
      tenantsCollection().getOrThrow(ctx.orgId),
      tenantDb(ctx.orgId).staff.ref.where('role', 'in', roles).get(),
      buildPopsReport(ctx),
    ]);
    const to = staffSnap.docs.map((d) => d.data()).filter((s) => !s.disabled);
    const email = renderWeeklyEmail({ dispensary: tenant.name, ...report });
    const figures = `${formatCents(report.lastWeek.sales.netSalesCents)} net sales, ${report.lastWeek.sales.orders} orders`;
    if (!to.length) return { kind: 'next', status: 'skipped', detail: 'No owner to email the report to', skipReason: 'The dispensary has no active owner' };
    if (ctx.dryRun) return { kind: 'next', status: 'done', detail: `Would email “${email.subject}” to ${to.length} staff (${figures})`.slice(0, 500) };
    const sends = [];
    for (const member of to) sends.push(await sendStaffEmail(ctx, member, { ...email, idempotencyKey: `${ctx.idempotencyKey}:${member.id}` }));
    return {
      kind: 'next',
      status: 'done',
      detail: `Emailed Pops’s weekly report (${figures}) to ${to.length === 1 ? to[0]!.email : `${to.length} staff`}`.slice(0, 500),
      refs: Object.fromEntries(sends.map((s, i) => [`sendId${i || ''}`, s.id])),
    };
  },
});
