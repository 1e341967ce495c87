import type { Customer } from '../customer';
import { pickFields, seesRevenue, type Viewer } from './viewer';

/**
 * What a budtender sees of a customer: who they are, how to reach them, consent, tags, points
 * and visit counts. An allow-list, so a field added to Customer stays hidden until listed here.
 * Lifetime value and average order are not in it.
 */
export const COUNTER_CUSTOMER_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'email',
  'phone',
  'dateOfBirth',
  'timeZone',
  'homeLocationId',
  'tags',
  // What they buy helps at the counter and quotes no money.
  'categoriesBought',
  'externalIds',
  'consent',
  'orderCount',
  'firstOrderAt',
  'lastOrderAt',
  'pointsBalance',
  'segment',
  'segmentSince',
  'source',
  'emailUndeliverable',
  'lastEmailOpenAt',
  'lastEmailClickAt',
  'lastSmsClickAt',
  'erasedAt',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Customer>;

export type CounterCustomer = Pick<Customer, (typeof COUNTER_CUSTOMER_FIELDS)[number]>;
/** A customer as one viewer may see it: the counter fields always, the rest only with revenue:read. */
export type CustomerView = CounterCustomer & Partial<Customer>;

export function customerViewFor(viewer: Viewer, customer: Customer): CustomerView {
  // The search keys are an index, not data: a hundred strings per profile nobody needs to see.
  const { searchKeys: _keys, ...profile } = customer;
  return seesRevenue(viewer) ? profile : pickFields(customer, COUNTER_CUSTOMER_FIELDS);
}
