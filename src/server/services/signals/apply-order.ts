import type { DocumentReference } from 'firebase-admin/firestore';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { LoyaltyAccount } from '@/domain/loyalty/ledger';
import type { Customer } from '@/domain/customer';
import type { LineItem, Order, OrderSource, OrderStatus } from '@/domain/order';
import { withCategoriesBought } from '@/domain/crm/categories-bought';
import { withOrderLocation } from '@/domain/crm/home-location';
import { locationKeyFor } from '@/domain/location';
import { baseStatusOf, settleRefunds } from '@/domain/signals/order-status';
import { lineItemData } from '@/domain/signals/event-builders';
import { stableId, type Checkout } from '@/domain/signals/records';
import type { OrderInput } from '@/domain/signals/signal';
import { mergeDelta, orderDelta, segmentChangesDelta } from '@/domain/analytics/rollup';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from '../loyalty/loyalty-settings';
import { orderPointsInTx, withPoints, type OrderPointsResult } from '../loyalty/order-points-in-tx';
import { activeSavedSegments } from '../crm/saved-segments-cache';
import { segmentInTx } from '../crm/segment-in-tx';
import { locationDirectory } from '../locations/location-directory';
import { timed } from '../stage-timer';
import { writeRollupDeltaInTx } from '../analytics/rollups-in-tx';
import { adjustCustomerStatsInTx } from './customer-stats-in-tx';
import { identityLocks, identityRefs, resolveInTx, type IdentityPlan } from './identity';
import { planRunStartsInTx } from '../playbooks/engine/plan-run-starts';
import { alreadyRecorded, recordEventsInTx, type EventRecording, type RecordedEvents } from './record-event';
import { signalLocks, type SignalContext } from './signal-context';

export interface AppliedOrder {
  order: Order;
  previousStatus: OrderStatus | null;
  /** The sender's copy was older than ours, so only the customer link was applied. */
  stale: boolean;
  /** The customer's profile as this transaction left it (null for an order without one). */
  customer: Customer | null;
  isNewCustomer: boolean;
  /** What the order did to its customer's points (null for an order without a customer). */
  points: OrderPointsResult | null;
  /** customer.segment_changed and customer.saved_segment_entered for the customers the order moved (docs/crm.md). */
  segmentEvents: CanonicalEvent[];
}

const ORDER_SOURCE: Partial<Record<SignalContext['source'], OrderSource>> = {
  alleaves: 'alleaves',
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  standard: 'standard',
  track_api: 'standard',
};

function completedCheckoutStub(ctx: SignalContext, id: string, token: string, order: Order, now: Date): Checkout {
  return {
    id,
    token,
    source: ctx.source,
    customerId: order.customerId,
    email: null,
    phone: null,
    lineItems: order.lineItems.map(lineItemData),
    totalCents: order.totalCents,
    recoveryUrl: null,
    startedAt: order.placedAt,
    lastActivityAt: order.placedAt,
    status: 'completed',
    orderId: order.id,
    abandonCheckAt: null,
    abandonedAt: null,
    updatedAt: now,
  };
}

export function orderIdFor(externalId: string): string {
  return stableId('ord', externalId);
}

/**
 * One order signal in one transaction: the customer it names (found or created, keys claimed),
 * the order, the checkout it completes, the customer's aggregates and the event, all read in one
 * round trip and written in one commit. Keyed on the sender's order id, so a redelivery rewrites
 * the same document; an older copy (an order.created arriving after its order.updated) never
 * overwrites a newer one; refunds we already hold are applied whichever came first. An event
 * already stored means an earlier attempt applied all of it: nothing is written again.
 */
export async function applyOrder(
  ctx: SignalContext,
  o: { input: OrderInput; eventId: string; identity: IdentityPlan | null; lineItems: Promise<LineItem[]> },
  rec: EventRecording,
  toEvents: (applied: AppliedOrder) => CanonicalEvent[],
): Promise<{ applied: AppliedOrder | null; recorded: RecordedEvents }> {
  const { input, identity } = o;
  const tdb = tenantDb(ctx.orgId);
  const id = orderIdFor(input.externalId);
  const checkoutId = input.checkoutToken ? stableId('chk', input.checkoutToken) : null;
  const locks = [...identityLocks(ctx.orgId, identity), `order:${ctx.orgId}:${id}`];
  // Cached per instance for a few seconds: usually no read at all.
  const programme = await loyaltyProgramme(ctx);
  const saved = await activeSavedSegments(ctx.orgId);
  // The sender's store id, mapped to ours through the stores' external ids (cached the same way).
  const sourceLocationId = locationKeyFor(ctx.source, input.locationId);
  const locationId = sourceLocationId ? ((await locationDirectory(ctx)).get(sourceLocationId) ?? null) : null;
  return signalLocks.run(locks, () =>
    timed('apply', () =>
      firestore().runTransaction(async (tx) => {
        const now = ctx.clock.now();
        const idRefs = identity ? identityRefs(ctx.orgId, identity) : [];
        const refs = [tdb.events.doc(o.eventId), tdb.orders.doc(id), tdb.refunds.doc(id), ...(checkoutId ? [tdb.checkouts.doc(checkoutId)] : [])];
        const snaps = await tx.getAll(...refs, ...idRefs);
        const [eventSnap, orderSnap, refundsSnap, checkoutSnap] = snaps;
        if (eventSnap!.exists) return { applied: null, recorded: alreadyRecorded([eventSnap!.data() as never]) };
        const existing = (orderSnap!.data() as Order | undefined) ?? null;
        // A new order's returning customer: their loyalty account is read with their profile (one
        // round trip), and no ledger line of the order can exist yet.
        const accountAlongside = existing ? undefined : (customerId: string) => [tdb.loyaltyAccounts.doc(customerId) as DocumentReference];
        const resolved = identity
          ? await resolveInTx(tx, { orgId: ctx.orgId, source: ctx.source, now }, identity, snaps.slice(refs.length), accountAlongside)
          : null;
        const newOrderAccount =
          resolved && !resolved.isNew && accountAlongside ? ((resolved.alongside[0]?.data() as LoyaltyAccount | undefined) ?? null) : undefined;
        const refunds = (refundsSnap!.data() as { refunds: Array<{ amountCents: number }> } | undefined)?.refunds ?? [];
        const checkout = checkoutId ? ((checkoutSnap!.data() as Checkout | undefined) ?? null) : null;
        const ownerId = resolved?.customer.id ?? existing?.customerId ?? null;
        // The order's previous owner, when it moves to another customer, is read as well (rare).
        const formerId = existing?.customerId && existing.customerId !== ownerId ? existing.customerId : null;
        const former = formerId ? ((await tx.get(tdb.customers.doc(formerId))).data() ?? null) : null;
        const owner = resolved ? resolved.customer : ownerId ? ((await tx.get(tdb.customers.doc(ownerId))).data() ?? null) : null;

        const stale = !!(existing?.sourceUpdatedAt && input.updatedAt && input.updatedAt < existing.sourceUpdatedAt);
        const built =
          stale && existing
            ? { ...existing, customerId: existing.customerId ?? ownerId, updatedAt: now }
            : build(ctx, input, await o.lineItems, id, ownerId, existing, refunds, now, { locationId, sourceLocationId });
        // The points it earns or gives back, read and computed before any write (docs/loyalty.md).
        const points = owner
          ? await orderPointsInTx(tx, ctx.orgId, programme, {
              before: existing,
              after: built,
              now,
              newCustomerAndOrder: !!resolved?.isNew && !existing,
              newOrderAccount,
            })
          : null;
        const order = points?.result.order ?? built;
        const adjusted = await adjustCustomerStatsInTx(
          tx,
          ctx.orgId,
          [owner, former].filter((c): c is Customer => !!c),
          [{ before: existing, after: order }],
          now,
        );
        const statsAfter = adjusted.find((c) => c.id === owner?.id) ?? null;
        const withPointsAfter: Customer | null = statsAfter && withPoints(statsAfter, points?.result ?? null);
        const formerStats: Customer | null = adjusted.find((c) => c.id === former?.id) ?? null;
        // The segment follows the aggregates in the same write (thresholds come with the cached programme).
        const segmentOf = (c: Customer | null) => (c ? segmentInTx(ctx.orgId, c, programme.settings.segments, now, 'order', o.eventId, saved) : null);
        const ownerSegment = segmentOf(withPointsAfter);
        const formerSegment = formerStats !== former ? segmentOf(formerStats) : null;
        // Home store follows where the customer orders most (docs/crm.md, Locations); what they
        // bought only grows (a refund keeps it: "bought" is history).
        const segmented: Customer | null = ownerSegment?.customer ?? withPointsAfter;
        const ownerAfter: Customer | null = segmented && withCategoriesBought(withOrderLocation(segmented, existing, order), order);
        const formerAfter: Customer | null = formerSegment?.customer ?? formerStats;

        const applied: AppliedOrder = {
          order,
          previousStatus: existing?.status ?? null,
          stale,
          customer: ownerAfter,
          isNewCustomer: !!resolved?.isNew,
          points: points?.result ?? null,
          segmentEvents: [...(ownerSegment?.events ?? []), ...(formerSegment?.events ?? [])],
        };
        const events = toEvents(applied);
        // The runs these events start are created in this same commit (its reads come before any write).
        const plan = await planRunStartsInTx(tx, ctx, {
          events,
          registry: await rec.registry,
          customer: ownerAfter,
          newKeys: { customerId: applied.isNewCustomer ? (ownerAfter?.id ?? null) : null, orderId: existing ? null : id },
        });

        // Writes, after every read.
        points?.write(tx);
        ownerSegment?.write(tx);
        formerSegment?.write(tx);
        if (resolved && ownerAfter) resolved.write(tx, ownerAfter);
        else if (ownerAfter && owner && ownerAfter !== owner) tdb.customers.writeChangesIn(tx, owner, ownerAfter);
        if (formerAfter && former && formerAfter !== former) tdb.customers.writeChangesIn(tx, former, formerAfter);
        tx.set(tdb.orders.doc(id), order);
        // The day's sales move by what this write changed (nothing on a redelivery): docs/analytics.md.
        const sales = orderDelta(
          { order: existing, refunds: refunds.length },
          { order, refunds: refunds.length },
          [{ before: owner, after: ownerAfter }, ...(former ? [{ before: former, after: formerAfter }] : [])],
          programme.timeZone,
        );
        // Segment moves are counted with the events that record them (docs/analytics.md, Pops's counters).
        const segmentMoves = segmentChangesDelta([...(ownerSegment?.events ?? []), ...(formerSegment?.events ?? [])], programme.timeZone);
        writeRollupDeltaInTx(tx, ctx.orgId, mergeDelta(sales, segmentMoves), now);
        if (checkout && checkout.status !== 'completed') {
          tdb.checkouts.updateIn(tx, checkout.id, {
            status: 'completed',
            orderId: id,
            abandonCheckAt: null,
            customerId: checkout.customerId ?? order.customerId,
            updatedAt: now,
          });
        } else if (!checkout && checkoutId && input.checkoutToken) {
          // The order came first: record its checkout as completed, so a late checkout event never abandons it.
          tx.set(tdb.checkouts.doc(checkoutId), completedCheckoutStub(ctx, checkoutId, input.checkoutToken, order, now));
        }
        return {
          applied,
          recorded: { ...(await recordEventsInTx(tx, ctx.orgId, events, rec, now, plan)), customer: ownerAfter },
        };
      }),
    ),
  );
}

function build(
  ctx: SignalContext,
  input: OrderInput,
  lineItems: LineItem[],
  id: string,
  ownerId: string | null,
  existing: Order | null,
  refunds: Array<{ amountCents: number }>,
  now: Date,
  place: { locationId: string | null; sourceLocationId: string | null },
): Order {
  const refundsCents = refunds.reduce((s, r) => s + r.amountCents, 0);
  const settled = settleRefunds(baseStatusOf(input.status), input.totalCents, refundsCents);
  return {
    id,
    customerId: ownerId,
    // An update that names no store, or one not mapped yet, keeps the store the order had.
    locationId: place.locationId ?? existing?.locationId ?? null,
    sourceLocationId: place.sourceLocationId ?? existing?.sourceLocationId ?? null,
    source: ORDER_SOURCE[ctx.source] ?? 'manual',
    externalId: input.externalId,
    status: settled.status,
    lineItems,
    subtotalCents: input.subtotalCents,
    discountCents: input.discountCents,
    taxCents: input.taxCents,
    totalCents: input.totalCents,
    refundedCents: settled.refundedCents,
    placedAt: input.placedAt,
    number: input.number,
    checkoutToken: input.checkoutToken,
    sourceUpdatedAt: input.updatedAt ?? existing?.sourceUpdatedAt ?? null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}
