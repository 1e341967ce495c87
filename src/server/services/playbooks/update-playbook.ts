import { PlaybookDefinitionSchema, type Playbook, type PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { versionOf } from './create-playbook';
import { forgetRegistry } from './engine/listener-registry';
import { playbookPlaceholders, placeholderError } from './playbook-placeholders';
import { syncRegistryInTx } from './registry-writes';
import { assertNoProblems, validatePlaybook } from './validate-playbook';

/**
 * Saves an edit as a new version. Runs in flight keep the version they started on; new runs,
 * the listener registry and the schedule move to the new one in the same transaction.
 */
export async function updatePlaybook(ctx: ServiceContext, id: string, input: PlaybookDefinitionInput): Promise<Playbook> {
  const parsed = PlaybookDefinitionSchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, 'The playbook is not valid.');
  const tdb = tenantDb(ctx.orgId);
  const current = await tdb.playbooks.getOrThrow(id);
  const def = parsed.data;
  const { steps, problems } = await validatePlaybook(ctx, def);
  assertNoProblems(problems);
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const placeholders = await playbookPlaceholders(ctx, steps);
  const saved = await firestore().runTransaction(async (tx) => {
    const fresh = (await tx.get(tdb.playbooks.doc(id))).data();
    if (!fresh) throw errors.notFound('Playbook', id);
    // An active playbook acts on the next event, so an example value would reach customers at once.
    if (fresh.status === 'active' && placeholders.length) throw placeholderError(placeholders, 'save');
    if (fresh.version !== current.version) throw errors.conflict('Someone saved this playbook a moment ago. Reload it and make your change again.');
    const now = ctx.clock.now();
    const next: Playbook = {
      ...fresh,
      name: def.name,
      description: def.description,
      ownerAgent: def.ownerAgent,
      triggers: def.triggers,
      entry: def.entry,
      exit: def.exit,
      steps,
      version: fresh.version + 1,
      updatedAt: now,
      updatedBy: ctx.actor.uid,
    };
    await syncRegistryInTx(tx, tdb, next, tenant.timeZone, now);
    tx.set(tdb.playbooks.doc(id), next);
    tx.create(tdb.playbookVersions(id).doc(String(next.version)), versionOf(next, now, ctx.actor.uid));
    return next;
  });
  forgetRegistry(ctx.orgId);
  return saved;
}

/** Changes some top-level fields and saves the result as a new version, as a full edit would. */
export async function patchPlaybook(ctx: ServiceContext, id: string, patch: Partial<PlaybookDefinitionInput>): Promise<Playbook> {
  const current = await tenantDb(ctx.orgId).playbooks.getOrThrow(id);
  const { name, description, ownerAgent, triggers, entry, exit, steps } = current;
  return updatePlaybook(ctx, id, { name, description, ownerAgent, triggers, entry, exit, steps, ...patch });
}
