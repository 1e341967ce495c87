import { createHash } from 'node:crypto';
import { INLINE_BODY_BYTES, type Delivery, type DeliverySource } from '@/domain/integrations/delivery';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { stableId } from '@/domain/signals/records';
import { GroupCommit } from '../../db/group-commit';
import { isAlreadyExists } from '../../db/typed-collection';
import { tenantDb } from '../../db/tenant-db';

export interface IncomingDelivery {
  orgId: string;
  source: DeliverySource;
  endpointId: string | null;
  apiKeyId: string | null;
  /** What makes two requests the same delivery: the sender's delivery id, or a hash of the body. */
  dedupeKey: string;
  senderDeliveryId: string | null;
  topic: string | null;
  eventKey: string;
  headers: Record<string, string>;
  contentType: string | null;
  raw: Uint8Array;
  receivedAt: Date;
  /** A topic we do not handle is stored already marked ignored, with the reason. */
  ignoredReason: string | null;
}

export function deliveryIdFor(scope: string, dedupeKey: string): string {
  return stableId('dlv', scope, dedupeKey);
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stores of concurrent deliveries share commits (their bodies bound a group's size). */
const stores = new GroupCommit();

/**
 * Claims the delivery id and stores the delivery in one atomic write: a create() that fails when
 * the id exists, so a redelivery is recognised and never stored or processed twice. Bodies
 * above INLINE_BODY_BYTES go to chunk documents in the same batch: all of it or none of it.
 */
export async function storeDelivery(d: IncomingDelivery): Promise<{ delivery: Delivery; duplicate: boolean }> {
  const tdb = tenantDb(d.orgId);
  const id = deliveryIdFor(d.endpointId ?? d.apiKeyId ?? d.source, d.dedupeKey);
  const buf = Buffer.from(d.raw.buffer, d.raw.byteOffset, d.raw.byteLength);
  const chunks: Buffer[] = [];
  for (let off = INLINE_BODY_BYTES; off < buf.length; off += INLINE_BODY_BYTES) chunks.push(buf.subarray(off, off + INLINE_BODY_BYTES));
  const delivery: Delivery = {
    id,
    source: d.source,
    endpointId: d.endpointId,
    apiKeyId: d.apiKeyId,
    senderDeliveryId: d.senderDeliveryId,
    topic: d.topic,
    eventKey: d.eventKey,
    headers: d.headers,
    contentType: d.contentType,
    body: buf.subarray(0, INLINE_BODY_BYTES),
    bodyBytes: buf.length,
    bodyChunks: chunks.length,
    bodySha256: sha256Hex(buf),
    receivedAt: d.receivedAt,
    status: d.ignoredReason ? 'ignored' : 'received',
    attempts: 0,
    attemptLog: [],
    lastError: null,
    // The safety net: if this instance dies before processing, the retry function picks it up.
    nextAttemptAt: d.ignoredReason ? null : new Date(d.receivedAt.getTime() + PROCESSING_LEASE_MS),
    processedAt: null,
    ignoredReason: d.ignoredReason,
    eventIds: [],
    customerIds: [],
    replayedBy: null,
  };
  try {
    // All together: the delivery, its live-list copy and any body chunks; a duplicate fails it whole.
    // Deliveries arriving at the same moment share one commit (group-commit.ts), each still atomic.
    const chunkCol = tdb.deliveryChunks(id);
    await stores.commit(
      (batch) => {
        batch.create(tdb.deliveries.ref.doc(id), delivery);
        batch.set(tdb.deliveryFeed.doc(id), deliveryFeedEntry(delivery));
        chunks.forEach((data, i) => batch.set(chunkCol.ref.doc(String(i + 1)), { id: String(i + 1), data }));
      },
      { writes: 2 + chunks.length, bytes: buf.length },
    );
  } catch (err) {
    if (isAlreadyExists(err)) return { delivery, duplicate: true };
    throw err;
  }
  return { delivery, duplicate: false };
}

/** The whole raw body of a stored delivery, chunks included. */
export async function loadDeliveryBody(orgId: string, delivery: Delivery): Promise<Buffer> {
  const head = Buffer.from(delivery.body);
  if (!delivery.bodyChunks) return head;
  const snap = await tenantDb(orgId).deliveryChunks(delivery.id).ref.get();
  const parts = snap.docs.map((d) => d.data()).sort((a, b) => Number(a.id) - Number(b.id));
  return Buffer.concat([head, ...parts.map((p) => Buffer.from(p.data))]);
}
