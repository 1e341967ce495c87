import { randomUUID } from 'node:crypto';
import { canDeleteNote, NoteInputSchema, type CustomerNote } from '@/domain/crm/notes';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { actorDisplayName } from './staff-name';

/** A staff note on a customer, kept in the customer's notes subcollection with its author. */
export async function addCustomerNote(ctx: ServiceContext, customerId: string, input: { text: string }): Promise<CustomerNote> {
  const parsed = NoteInputSchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, 'The note is not valid.');
  const { text } = parsed.data;
  const db = tenantDb(ctx.orgId);
  const authorName = await actorDisplayName(ctx);
  const id = `note_${randomUUID()}`;
  const note: CustomerNote = { id, text, authorUid: ctx.actor.uid, authorName, at: ctx.clock.now() };
  await firestore().runTransaction(async (tx) => {
    if (!(await tx.get(db.customers.doc(customerId))).exists) throw errors.notFound('Customer', customerId);
    tx.create(db.customerNotes(customerId).doc(id), note);
  });
  return note;
}

/** Deletes a note: its author, or an owner or admin (canDeleteNote); anyone else is refused and nothing changes. */
export async function deleteCustomerNote(ctx: ServiceContext, customerId: string, noteId: string): Promise<void> {
  const db = tenantDb(ctx.orgId);
  await firestore().runTransaction(async (tx) => {
    const note = (await tx.get(db.customerNotes(customerId).doc(noteId))).data();
    if (!note) throw errors.notFound('Note', noteId);
    if (!canDeleteNote(ctx.actor, note)) throw errors.forbidden('Only the note’s author, an owner or an admin can delete it.');
    tx.delete(db.customerNotes(customerId).doc(noteId));
  });
}
