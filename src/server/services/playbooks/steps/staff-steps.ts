import { createHash } from 'node:crypto';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { durationMs } from '@/domain/playbooks/duration';
import { renderLiquid, TemplateRenderError } from '@/domain/messaging/template-engine';
import type { StaffTask } from '@/domain/task';
import { AppError } from '@/domain/errors';
import { tenantDb } from '../../../db/tenant-db';
import { createNotification } from '../../notifications/create-notification';
import { registerStepHandler, type StepRunContext } from '../engine/step-handler';

/** Staff-facing text can use the run's data: {{ customer.name }}, {{ order.total }}, {{ product.name }} ... */
function staffText(ctx: StepRunContext, source: string, field: string): string {
  if (!source.includes('{')) return source;
  const c = ctx.data.customer as Customer | null;
  const context = {
    ...ctx.data,
    customer: c
      ? {
          ...c,
          name: customerDisplayName(c),
          first_name: c.firstName,
          last_name: c.lastName,
          order_count: c.orderCount,
          lifetime_value: c.lifetimeValueCents,
          points: c.pointsBalance,
        }
      : null,
  };
  try {
    return renderLiquid(source, context, 'text', field, ctx.renderBudget);
  } catch (err) {
    // A text that does not render is shown as written; an exhausted render budget is not swallowed.
    if (err instanceof TemplateRenderError) return source;
    throw err;
  }
}

function linkFor(ctx: StepRunContext) {
  return ctx.run.customerId ? `/dashboard/customers/${ctx.run.customerId}` : `/dashboard/playbooks/${ctx.run.playbookId}`;
}

registerStepHandler('notify_staff', {
  idempotentByKey: true,
  async execute(ctx) {
    const title = staffText(ctx, ctx.step.title as string, 'title');
    const body = staffText(ctx, (ctx.step.message as string) ?? '', 'message');
    if (ctx.dryRun) return { kind: 'next', status: 'done', detail: `Would notify staff: “${title}”` };
    const { notification, created } = await createNotification(ctx, {
      kind: 'playbook',
      severity: ctx.step.severity as 'info' | 'warning' | 'critical',
      title,
      body,
      link: linkFor(ctx),
      sourceId: ctx.run.id,
      dedupeKey: ctx.idempotencyKey,
    });
    return {
      kind: 'next',
      status: 'done',
      detail: `${created ? 'Notified' : 'Already notified'} staff: “${title}”`,
      refs: { notificationId: notification.id },
    };
  },
});

registerStepHandler('create_task', {
  idempotentByKey: true,
  async execute(ctx) {
    const now = ctx.clock.now();
    const title = staffText(ctx, ctx.step.title as string, 'title');
    const dueAt = new Date(now.getTime() + durationMs(ctx.step.dueIn as string));
    if (ctx.dryRun)
      return { kind: 'next', status: 'done', detail: `Would create the task “${title}”, due ${dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` };
    // The id comes from runId:stepId, so a retried step finds the task it already made.
    const id = `task_${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 24)}`;
    const task: StaffTask = {
      id,
      title,
      description: staffText(ctx, (ctx.step.description as string) ?? '', 'description'),
      customerId: ctx.run.customerId,
      assignRole: ctx.step.assignRole as StaffTask['assignRole'],
      dueAt,
      status: 'open',
      source: { type: 'playbook', playbookId: ctx.run.playbookId, runId: ctx.run.id, stepId: ctx.step.id },
      createdAt: now,
      completedAt: null,
      completedBy: null,
    };
    let created = true;
    try {
      await tenantDb(ctx.orgId).tasks.create(task);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
      created = false;
    }
    return {
      kind: 'next',
      status: 'done',
      detail: `${created ? 'Created' : 'Already created'} the task “${title}” for ${task.assignRole}s`,
      refs: { taskId: id },
    };
  },
});
