import { FieldValue } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { tenantDb } from '../../../db/tenant-db';
import { registerStepHandler, type PlannedStep, type StepRunContext } from '../engine/step-handler';

/** What adding or removing the tag does: the outcome, and the customer update (none when nothing changes). */
function planTag(ctx: StepRunContext, add: boolean): PlannedStep {
  const tag = ctx.step.tag as string;
  const customer = ctx.data.customer as Customer | null;
  if (!ctx.run.customerId || !customer)
    return { outcome: { kind: 'next', status: 'skipped', detail: `No customer to ${add ? 'tag' : 'untag'}`, skipReason: 'This run has no customer' } };
  const has = customer.tags.includes(tag);
  if (add === has) return { outcome: { kind: 'next', status: 'done', detail: `Already ${add ? 'tagged' : 'without tag'} "${tag}"` } };
  const outcome = { kind: 'next' as const, status: 'done' as const, detail: `${add ? 'Tagged' : 'Removed tag'} "${tag}"` };
  if (ctx.dryRun) return { outcome };
  const customers = tenantDb(ctx.orgId).customers;
  const customerId = ctx.run.customerId;
  // arrayUnion/arrayRemove make a repeated step harmless.
  const patch = { tags: add ? FieldValue.arrayUnion(tag) : FieldValue.arrayRemove(tag), updatedAt: ctx.clock.now() };
  const profile = ctx.profile ? { ...ctx.profile, tags: add ? [...ctx.profile.tags, tag] : ctx.profile.tags.filter((t) => t !== tag) } : undefined;
  return { outcome, write: (batch) => batch.update(customers.doc(customerId), customers.patch(customerId, patch)), profile };
}

function tagStep(add: boolean) {
  return {
    // A tag is a set: adding or removing it again changes nothing.
    idempotentByKey: true,
    plan: async (ctx: StepRunContext) => planTag(ctx, add),
    async execute(ctx: StepRunContext) {
      const planned = planTag(ctx, add);
      if (planned.write) {
        const batch = tenantDb(ctx.orgId).customers.ref.firestore.batch();
        planned.write(batch);
        await batch.commit();
      }
      return planned.outcome;
    },
  };
}

registerStepHandler('add_tag', tagStep(true));
registerStepHandler('remove_tag', tagStep(false));
