import { createHash } from 'node:crypto';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { durationMs } from '@/domain/playbooks/duration';
import type { RenderBudget } from '@/domain/messaging/render-budget';
import { renderLiquid, TemplateRenderError } from '@/domain/messaging/template-engine';
import type { StaffTask } from '@/domain/task';
import { AppError } from '@/domain/errors';
import { seesRevenue, withoutMoney } from '@/domain/views/viewer';
import { tenantDb } from '../../../db/tenant-db';
import { createNotification } from '../../notifications/create-notification';
import { registerStepHandler, type StepRunContext } from '../engine/step-handler';

/** What staff-facing text can use: {{ customer.name }}, {{ order.total }}, {{ product.name }} ... */
function staffContext(ctx: StepRunContext): Record<string, unknown> {
  const c = ctx.data.customer as Customer | null;
  return {
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
}

function render(source: string, context: Record<string, unknown>, field: string, budget: RenderBudget | undefined): string {
  return renderLiquid(source, context, 'text', field, budget);
}

/** The text as owners and admins read it; a text that does not render is kept as written. */
function staffText(source: string, context: Record<string, unknown>, field: string, budget: RenderBudget | undefined): string {
  if (!source.includes('{')) return source;
  try {
    return render(source, context, field, budget);
  } catch (err) {
    // A text that does not render is shown as written; an exhausted render budget is not swallowed.
    if (err instanceof TemplateRenderError) return source;
    throw err;
  }
}

/**
 * The same text for a reader who may not see revenue: rendered without the money, and where that
 * fails, output by output, so one amount ("…") does not cost the text its names and dates.
 */
function counterText(source: string, context: Record<string, unknown>, field: string, budget: RenderBudget | undefined): string {
  if (!source.includes('{')) return source;
  const bare = withoutMoney(context);
  try {
    return render(source, bare, field, budget);
  } catch (err) {
    if (!(err instanceof TemplateRenderError)) throw err;
  }
  return source.replace(/\{\{[\s\S]*?\}\}/g, (tag) => {
    try {
      return render(tag, bare, field, budget);
    } catch (err) {
      if (err instanceof TemplateRenderError) return '…';
      throw err;
    }
  });
}

/** Both readings of a step's text field; they differ exactly when the text shows money. */
function texts(ctx: StepRunContext, field: 'title' | 'message' | 'description') {
  const source = (ctx.step[field] as string | undefined) ?? '';
  const context = staffContext(ctx);
  return { full: staffText(source, context, field, ctx.renderBudget), counter: counterText(source, context, field, ctx.renderBudget) };
}

function linkFor(ctx: StepRunContext) {
  return ctx.run.customerId ? `/dashboard/customers/${ctx.run.customerId}` : `/dashboard/playbooks/${ctx.run.playbookId}`;
}

registerStepHandler('notify_staff', {
  idempotentByKey: true,
  async execute(ctx) {
    const title = texts(ctx, 'title');
    const body = texts(ctx, 'message');
    // A text quoting an amount (an order total, a lifetime value) is for the roles that see revenue.
    const audience = title.full === title.counter && body.full === body.counter ? 'all_staff' : 'owners_admins';
    const who = audience === 'all_staff' ? 'staff' : 'owners and admins';
    if (ctx.dryRun) return { kind: 'next', status: 'done', detail: `Would notify ${who}: “${title.full}”` };
    const { notification, created } = await createNotification(ctx, {
      kind: 'playbook',
      severity: ctx.step.severity as 'info' | 'warning' | 'critical',
      audience,
      title: title.full,
      body: body.full,
      link: linkFor(ctx),
      sourceId: ctx.run.id,
      dedupeKey: ctx.idempotencyKey,
    });
    return {
      kind: 'next',
      status: 'done',
      // The run log is read by budtenders too: it quotes the title without its amounts.
      detail: `${created ? 'Notified' : 'Already notified'} ${who}: “${title.counter}”`,
      refs: { notificationId: notification.id },
    };
  },
});

registerStepHandler('create_task', {
  idempotentByKey: true,
  async execute(ctx) {
    const now = ctx.clock.now();
    const assignRole = ctx.step.assignRole as StaffTask['assignRole'];
    // A budtender's task never shows revenue: its text is rendered without the amounts.
    const reading = seesRevenue(assignRole) ? 'full' : 'counter';
    const titles = texts(ctx, 'title');
    const title = titles[reading];
    const dueAt = new Date(now.getTime() + durationMs(ctx.step.dueIn as string));
    if (ctx.dryRun)
      return { kind: 'next', status: 'done', detail: `Would create the task “${title}”, due ${dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` };
    // The id comes from runId:stepId, so a retried step finds the task it already made.
    const id = `task_${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 24)}`;
    const task: StaffTask = {
      id,
      title,
      description: texts(ctx, 'description')[reading],
      customerId: ctx.run.customerId,
      assignRole,
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
      detail: `${created ? 'Created' : 'Already created'} the task “${titles.counter}” for ${task.assignRole}s`,
      refs: { taskId: id },
    };
  },
});
