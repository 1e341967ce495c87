import { FieldValue } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { tenantDb } from '../../../db/tenant-db';
import { registerStepHandler, type StepRunContext } from '../engine/step-handler';

async function changeTag(ctx: StepRunContext, add: boolean) {
  const tag = ctx.step.tag as string;
  const customer = ctx.data.customer as Customer | null;
  if (!ctx.run.customerId || !customer)
    return { kind: 'next' as const, status: 'skipped' as const, detail: `No customer to ${add ? 'tag' : 'untag'}`, skipReason: 'This run has no customer' };
  const has = customer.tags.includes(tag);
  if (add === has) return { kind: 'next' as const, status: 'done' as const, detail: `Already ${add ? 'tagged' : 'without tag'} "${tag}"` };
  if (!ctx.dryRun) {
    // arrayUnion/arrayRemove make a repeated step harmless.
    await tenantDb(ctx.orgId).customers.update(ctx.run.customerId, {
      tags: add ? FieldValue.arrayUnion(tag) : FieldValue.arrayRemove(tag),
      updatedAt: ctx.clock.now(),
    });
  }
  return { kind: 'next' as const, status: 'done' as const, detail: `${add ? 'Tagged' : 'Removed tag'} "${tag}"` };
}

// A tag is a set: adding or removing it again changes nothing.
registerStepHandler('add_tag', { idempotentByKey: true, execute: (ctx) => changeTag(ctx, true) });
registerStepHandler('remove_tag', { idempotentByKey: true, execute: (ctx) => changeTag(ctx, false) });
