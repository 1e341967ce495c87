import { z } from 'zod';
import { IdSchema } from '../common';

/**
 * A pair of profiles that look like one person, found by the duplicate scan and waiting for staff
 * (tenants/{orgId}/duplicate_candidates/{pair}). Proposed only: nothing is merged until someone
 * reviews it. One document per pair, whichever profile was scanned first.
 */
export const DuplicateProposalSchema = z.object({
  id: IdSchema,
  customerIds: z.tuple([IdSchema, IdSchema]),
  names: z.tuple([z.string(), z.string()]),
  reasons: z.array(z.string()).min(1),
  score: z.number().int().nonnegative(),
  createdAt: z.date(),
});
export type DuplicateProposal = z.infer<typeof DuplicateProposalSchema>;

/** The pair's document id: the same whichever of the two is named first. */
export function proposalId(a: string, b: string): string {
  const [x, y] = [a, b].sort();
  return `dup_${x}_${y}`;
}

/** Where the scan stands (tenants/{orgId}/duplicate_scan/scan), so each request goes on from the last. */
export const DuplicateScanSchema = z.object({
  id: z.literal('scan'),
  /** The last customer id scanned; null once a pass finished (the next starts from the first). */
  cursor: z.string().nullable(),
  scanned: z.number().int().nonnegative(),
  proposed: z.number().int().nonnegative(),
  finishedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type DuplicateScan = z.infer<typeof DuplicateScanSchema>;

/**
 * A profile a signed webhook created, waiting for the tick's duplicate check
 * (tenants/{orgId}/duplicate_checks/{customerId}); written in the commit that creates the profile,
 * deleted once it is checked.
 */
export const DuplicateCheckSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  createdAt: z.date(),
  /**
   * The dispensary's identity index said every customer holds its identity documents, so the new
   * profile's phone, email and external id were claimed by nobody else: the check can skip the
   * same-phone and same-email queries.
   */
  identityIndexComplete: z.boolean(),
});
export type DuplicateCheck = z.infer<typeof DuplicateCheckSchema>;
