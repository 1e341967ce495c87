import { z } from 'zod';
import type { Actor } from '../roles';

export const NOTE_MAX_LENGTH = 1000;

export const NoteInputSchema = z.object({
  text: z.string().trim().min(1, 'Write the note').max(NOTE_MAX_LENGTH, `At most ${NOTE_MAX_LENGTH} characters`),
});

/** A staff note about a customer: tenants/{orgId}/customers/{id}/notes/{id}. */
export const CustomerNoteSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1).max(NOTE_MAX_LENGTH),
  authorUid: z.string().max(200),
  authorName: z.string().max(120),
  at: z.date(),
});
export type CustomerNote = z.infer<typeof CustomerNoteSchema>;

/**
 * Who may delete a note: its author (a budtender takes back what they wrote) and owners and
 * admins (who answer for what the dispensary keeps about a person). Not another budtender.
 */
export function canDeleteNote(actor: Pick<Actor, 'uid' | 'role'>, note: Pick<CustomerNote, 'authorUid'>): boolean {
  return note.authorUid === actor.uid || actor.role === 'owner' || actor.role === 'admin';
}
