import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { executeRun, loadVersion } from './engine/execute-run';
import { startRun } from './engine/start-run';

export const ManualRunInputSchema = z
  .object({
    customerId: z.string().min(1).max(128).optional(),
    customerIds: z.array(z.string().min(1).max(128)).min(1).max(1000).optional(),
    /** Everyone with this tag (up to 1,000 customers). */
    tag: z.string().trim().min(1).max(40).optional(),
  })
  .refine((v) => [v.customerId, v.customerIds, v.tag].filter((x) => x !== undefined).length === 1, {
    message: 'Choose one customer, a list of customers, or a tag',
    path: ['customerId'],
  });
export type ManualRunInput = z.infer<typeof ManualRunInputSchema>;

export interface ManualRunResult {
  requested: number;
  started: number;
  notStarted: Array<{ customerId: string; reason: string }>;
  runIds: string[];
}

/**
 * Starts the playbook by hand for a customer or an audience, as its manual trigger (or the API)
 * does. Entry rules still apply, so a customer is not put through a one-time journey twice.
 */
export async function runPlaybookManually(ctx: ServiceContext, playbookId: string, input: ManualRunInput): Promise<ManualRunResult> {
  const tdb = tenantDb(ctx.orgId);
  const playbook = await tdb.playbooks.getOrThrow(playbookId);
  if (playbook.status !== 'active') throw errors.conflict('Activate the playbook before running it. To try it without sending anything, use the dry run.');
  let ids: string[];
  if (input.customerId) ids = [input.customerId];
  else if (input.customerIds) ids = [...new Set(input.customerIds)];
  else ids = (await tdb.customers.ref.where('tags', 'array-contains', input.tag!).limit(1000).select().get()).docs.map((d) => d.id);

  const { version } = await loadVersion(ctx.orgId, playbookId, playbook.version);
  const owner = `manual:${randomUUID()}`;
  const occurrence = randomUUID();
  const result: ManualRunResult = { requested: ids.length, started: 0, notStarted: [], runIds: [] };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const customerId = ids[next++]!;
      const customer = await tdb.customers.get(customerId);
      if (!customer) {
        result.notStarted.push({ customerId, reason: 'No such customer' });
        continue;
      }
      const started = await startRun(ctx, {
        version,
        trigger: { type: 'manual', eventName: null, eventId: null },
        event: null,
        customerId,
        customer,
        keyKind: 'customerId',
        runKey: customerId,
        occurrence,
        owner,
      });
      if (!started.started) {
        result.notStarted.push({ customerId, reason: started.reason });
        continue;
      }
      result.started++;
      result.runIds.push(started.runId);
      await executeRun(ctx, started.runId, { owner, started: { run: started.run, customer } });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  ctx.log?.info({ event: 'playbook.manual_run', playbookId, requested: result.requested, started: result.started }, 'playbook run by hand');
  return result;
}
