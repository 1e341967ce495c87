import type { Transaction } from 'firebase-admin/firestore';
import { AppError, errors, type FieldIssue } from '@/domain/errors';
import type { CreateLocationInput, Location, UpdateLocationInput } from '@/domain/location';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { forgetLocationDirectory } from './location-directory';

/**
 * An external id means one store in a dispensary: checked against every other store, archived ones
 * included (an archived store keeps its ids until someone removes them), inside the transaction
 * that writes, so two saves racing for one id cannot both win.
 */
async function assertExternalIdsFree(tx: Transaction, orgId: string, selfId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const others = (await tx.get(tenantDb(orgId).locations.ref)).docs.map((d) => d.data()).filter((l) => l.id !== selfId);
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    const owner = others.find((l) => l.externalIds?.includes(id));
    if (owner) issues.push({ path: `externalIds.${i}`, message: `${id} already belongs to ${owner.name}` });
  });
  if (issues.length) throw new AppError('validation_failed', 'Some fields are not valid.', { issues });
}

export async function createLocation(ctx: ServiceContext, input: CreateLocationInput): Promise<Location> {
  const tdb = tenantDb(ctx.orgId);
  const ref = tdb.locations.doc();
  const now = ctx.clock.now();
  const location = tdb.locations.parse({ id: ref.id, ...input, archivedAt: null, createdAt: now, updatedAt: now });
  await firestore().runTransaction(async (tx) => {
    await assertExternalIdsFree(tx, ctx.orgId, ref.id, location.externalIds ?? []);
    tx.create(ref, location);
  });
  forgetLocationDirectory(ctx.orgId);
  ctx.log?.info({ event: 'location.created', locationId: location.id }, 'location created');
  return location;
}

export async function updateLocation(ctx: ServiceContext, id: string, input: UpdateLocationInput): Promise<Location> {
  const tdb = tenantDb(ctx.orgId);
  const saved = await firestore().runTransaction(async (tx) => {
    const current = (await tx.get(tdb.locations.doc(id))).data();
    if (!current) throw errors.notFound('Location', id);
    const { archived, ...fields } = input;
    const now = ctx.clock.now();
    const next = tdb.locations.parse({
      ...current,
      ...fields,
      archivedAt: archived === undefined ? (current.archivedAt ?? null) : archived ? (current.archivedAt ?? now) : null,
      updatedAt: now,
    });
    if (fields.externalIds) await assertExternalIdsFree(tx, ctx.orgId, id, fields.externalIds);
    tx.set(tdb.locations.doc(id), next);
    return next;
  });
  forgetLocationDirectory(ctx.orgId);
  ctx.log?.info({ event: 'location.updated', locationId: id, archived: !!saved.archivedAt }, 'location updated');
  return saved;
}
