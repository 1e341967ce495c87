import type { Customer } from '../customer';
import type { Order } from '../order';

type OrderPlace = Pick<Order, 'customerId' | 'locationId'>;

/**
 * The customer after one of their orders was written: the order's store counted once per order
 * (a redelivery or an update at the same store counts nothing; an order moved to another store
 * moves its count), and home is the store with most orders. A tie goes to this order's store, so
 * a customer who splits evenly follows where they shopped last.
 */
export function withOrderLocation<C extends Pick<Customer, 'id' | 'homeLocationId' | 'locationOrderCounts'>>(
  customer: C,
  before: OrderPlace | null,
  after: OrderPlace,
): C {
  if (!after.locationId || after.customerId !== customer.id) return customer;
  const wasHers = before?.customerId === customer.id;
  if (wasHers && before?.locationId === after.locationId) return customer;
  const counts = { ...(customer.locationOrderCounts ?? {}) };
  counts[after.locationId] = (counts[after.locationId] ?? 0) + 1;
  const old = wasHers ? before?.locationId : null;
  if (old && counts[old]) {
    const left = counts[old] - 1;
    if (left > 0) counts[old] = left;
    else delete counts[old];
  }
  const most = Math.max(...Object.values(counts));
  const home = counts[after.locationId] === most ? after.locationId : Object.keys(counts).find((id) => counts[id] === most)!;
  return { ...customer, locationOrderCounts: counts, homeLocationId: home };
}
