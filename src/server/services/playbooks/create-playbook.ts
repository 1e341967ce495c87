import { randomBytes } from 'node:crypto';
import { PlaybookDefinitionSchema, type Playbook, type PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { assertNoProblems, validatePlaybook } from './validate-playbook';

export function newPlaybookId(name: string) {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'playbook';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}

/** Saves a new playbook as a draft, version 1. Nothing listens for it until it is activated. */
export async function createPlaybook(ctx: ServiceContext, input: PlaybookDefinitionInput, opts: { installedFrom?: string } = {}): Promise<Playbook> {
  const parsed = PlaybookDefinitionSchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, 'The playbook is not valid.');
  const def = parsed.data;
  const { steps, problems } = await validatePlaybook(ctx, def);
  assertNoProblems(problems);
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const playbook: Playbook = {
    id: newPlaybookId(def.name),
    name: def.name,
    description: def.description,
    ownerAgent: def.ownerAgent,
    status: 'draft',
    version: 1,
    triggers: def.triggers,
    entry: def.entry,
    exit: def.exit,
    steps,
    installedFrom: opts.installedFrom ?? null,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.actor.uid,
    updatedBy: ctx.actor.uid,
    activatedAt: null,
  };
  const batch = firestore().batch();
  batch.create(tdb.playbooks.doc(playbook.id), playbook);
  batch.create(tdb.playbookVersions(playbook.id).doc('1'), versionOf(playbook, now, ctx.actor.uid));
  await batch.commit();
  ctx.log?.info({ event: 'playbook.created', playbookId: playbook.id }, 'playbook created');
  return playbook;
}

export function versionOf(p: Playbook, now: Date, by: string) {
  return {
    id: String(p.version),
    playbookId: p.id,
    version: p.version,
    name: p.name,
    triggers: p.triggers,
    entry: p.entry,
    exit: p.exit,
    steps: p.steps,
    createdAt: now,
    createdBy: by,
  };
}
