import { randomUUID } from 'node:crypto';
import { addTag, removeTag, suggestTags, TAG_REGISTRY_DOC, type TagRegistry } from '@/domain/crm/tags';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { activeSavedSegments } from '../crm/saved-segments-cache';
import { dispatchEditEvents, savedSegmentsOnEditInTx } from '../crm/saved-segments-on-edit';
import { actorDisplayName } from './staff-name';

/**
 * Adds or removes one tag on a customer. One transaction writes the customer's tags, the tenant's
 * tag registry (the autocomplete's counts) and the change's timeline entry, so none is written
 * without the others. The customer write carries only `tags`, `updatedAt` and the saved segments the
 * new tags move the customer into or out of: no search field, so
 * the collection keeps the search keys as they are (docs/crm.md, Search).
 */
export async function changeCustomerTag(
  ctx: ServiceContext,
  customerId: string,
  change: 'added' | 'removed',
  input: string,
): Promise<{ tags: string[]; tag: string }> {
  const db = tenantDb(ctx.orgId);
  const actorName = await actorDisplayName(ctx);
  const registryRef = db.tagRegistry.doc(TAG_REGISTRY_DOC);
  const saved = await activeSavedSegments(ctx.orgId);
  const { events, ...answer } = await firestore().runTransaction(async (tx) => {
    const [customerSnap, registrySnap] = await Promise.all([tx.get(db.customers.doc(customerId)), tx.get(registryRef)]);
    const customer = customerSnap.data();
    if (!customer) throw errors.notFound('Customer', customerId);
    const registry: TagRegistry['tags'] = registrySnap.data()?.tags ?? {};
    const now = ctx.clock.now();
    const result = change === 'added' ? addTag(customer.tags, registry, input) : removeTag(customer.tags, registry, input);
    const id = `tag_${randomUUID()}`;
    // A saved segment on tags is entered (or left) with the tag itself (docs/crm.md, Saved segments).
    const segments = savedSegmentsOnEditInTx(tx, ctx.orgId, { ...customer, tags: result.tags }, saved, now, id);
    db.customers.updateIn(tx, customerId, { tags: result.tags, updatedAt: now, ...segments.patch });
    tx.set(registryRef, db.tagRegistry.parse({ id: TAG_REGISTRY_DOC, tags: result.registry, updatedAt: now }));
    tx.create(db.tagHistory(customerId).doc(id), { id, tag: result.label, change, actorUid: ctx.actor.uid, actorName, at: now });
    return { tags: result.tags, tag: result.label, events: segments.events };
  });
  await dispatchEditEvents(ctx, events);
  return answer;
}

/** The dispensary's tags for the autocomplete: one document read, never a scan of customers. */
export async function suggestCustomerTags(ctx: Pick<ServiceContext, 'orgId'>, prefix = '', limit = 20): Promise<string[]> {
  const registry = await tenantDb(ctx.orgId).tagRegistry.get(TAG_REGISTRY_DOC);
  return suggestTags(registry?.tags ?? {}, prefix, limit);
}
