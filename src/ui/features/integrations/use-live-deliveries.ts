'use client';
import { collection, limit, onSnapshot, orderBy, query, where, type QueryConstraint, type Timestamp } from 'firebase/firestore';
import { useEffect, useState } from 'react';
import { api } from '@/ui/primitives/api-client';
import { useBackoffRefresh } from '@/ui/primitives/use-backoff-refresh';
import { signedInFirestore, type LiveConfig } from '../notifications/browser-firestore';
import type { DeliveryRow } from './types';

/** What the list shows of a delivery: the fields of its live copy (DeliveryFeedEntrySchema). */
export type DeliveryListRow = Pick<DeliveryRow, 'id' | 'endpointId' | 'topic' | 'status' | 'attempts' | 'lastError' | 'receivedAt' | 'customerIds'>;

export interface DeliveryFilters {
  endpointId: string;
  status: string;
}

const MAX = 25;

const matches = (r: DeliveryListRow, f: DeliveryFilters) => (!f.endpointId || r.endpointId === f.endpointId) && (!f.status || r.status === f.status);

/**
 * Deliveries stored before the live copy existed have none (`withoutCopy`, from the server's first
 * page): they stay on the list beside the live ones; a later change writes their copy, which wins.
 */
function merge(feed: DeliveryListRow[], withoutCopy: DeliveryListRow[], f: DeliveryFilters): DeliveryListRow[] {
  const seen = new Set(feed.map((r) => r.id));
  return [...feed, ...withoutCopy.filter((r) => !seen.has(r.id) && matches(r, f))].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, MAX);
}

/**
 * The latest deliveries, live: a Firestore listener on the tenant's delivery_feed (firestore.rules:
 * owners and admins of this tenant, read-only), so a delivery appears and changes state without
 * the page asking the server. If the listener cannot be opened, it falls back to asking the API,
 * backing off while nothing changes and never while the tab is hidden.
 */
export function useLiveDeliveries(opts: {
  config: LiveConfig;
  orgId: string;
  filters: DeliveryFilters;
  /** The server's first page, shown until the listener answers. */
  initial: DeliveryListRow[];
  /** Ids in `initial` that have no live copy (stored before it existed). */
  withoutCopy: string[];
  refreshKey: number;
}) {
  const { config, orgId, filters, initial, withoutCopy, refreshKey } = opts;
  const { endpointId, status } = filters;
  const [feed, setFeed] = useState<DeliveryListRow[] | null>(null);
  const [mode, setMode] = useState<'connecting' | 'live' | 'fallback'>('connecting');
  const [polled, setPolled] = useState<DeliveryListRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    const fallBack = () => {
      if (!cancelled) setMode('fallback');
    };
    signedInFirestore(config, orgId)
      .then((db) => {
        if (cancelled) return;
        const constraints: QueryConstraint[] = [
          ...(endpointId ? [where('endpointId', '==', endpointId)] : []),
          ...(status ? [where('status', '==', status)] : []),
        ];
        const q = query(collection(db, 'tenants', orgId, 'delivery_feed'), ...constraints, orderBy('receivedAt', 'desc'), limit(MAX));
        unsubscribe = onSnapshot(
          q,
          (snap) => {
            setFeed(
              snap.docs.map((d) => {
                const v = d.data() as Omit<DeliveryListRow, 'id' | 'receivedAt'> & { receivedAt: Timestamp };
                return {
                  id: d.id,
                  endpointId: v.endpointId ?? null,
                  topic: v.topic ?? null,
                  status: v.status,
                  attempts: v.attempts ?? 0,
                  lastError: v.lastError ?? null,
                  receivedAt: v.receivedAt.toDate().toISOString(),
                  customerIds: v.customerIds ?? [],
                };
              }),
            );
            setMode('live');
            setError(null);
          },
          fallBack,
        );
      })
      .catch(fallBack);
    return () => {
      cancelled = true;
      unsubscribe?.();
      setFeed(null);
    };
  }, [config, orgId, endpointId, status]);

  const fetchPage = async (): Promise<{ deliveries: DeliveryListRow[] } | { error: string }> => {
    const q = new URLSearchParams({ limit: String(MAX), ...(endpointId ? { endpointId } : {}), ...(status ? { status } : {}) });
    try {
      return await api<{ deliveries: DeliveryListRow[] }>(`/api/integrations/deliveries?${q.toString()}`);
    } catch (err) {
      return { error: err instanceof Error ? err.message : 'Could not load deliveries.' };
    }
  };
  const apply = (res: Awaited<ReturnType<typeof fetchPage>>) => {
    if ('error' in res) {
      setError(res.error);
      return false;
    }
    const changed = JSON.stringify(res.deliveries) !== JSON.stringify(polled);
    setPolled(res.deliveries);
    setError(null);
    return changed;
  };
  useBackoffRefresh(async () => apply(await fetchPage()), { minMs: 2_000, maxMs: 60_000, enabled: mode === 'fallback' });
  // In fallback, a filter change or a test delivery asks at once.
  useEffect(() => {
    if (mode !== 'fallback') return;
    let current = true;
    void fetchPage().then((res) => current && apply(res));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetchPage and apply are redefined each render; these are the moments to ask
  }, [mode, endpointId, status, refreshKey]);

  const rows =
    mode === 'fallback'
      ? (polled ?? initial.filter((r) => matches(r, filters)))
      : feed
        ? merge(
            feed,
            initial.filter((r) => withoutCopy.includes(r.id)),
            filters,
          )
        : initial.filter((r) => matches(r, filters));
  return { rows, mode, error };
}
