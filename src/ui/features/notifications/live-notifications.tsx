'use client';
import { collection, limit, onSnapshot, orderBy, query, where, type QueryConstraint, type Timestamp } from 'firebase/firestore';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Card } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { signedInFirestore, type LiveConfig } from './browser-firestore';

interface Item {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  link: string | null;
  createdAt: Date | null;
}

/**
 * The tenant's latest staff notifications, live: a new one appears without a reload. `audiences`
 * comes from the server (notificationAudiencesFor): with one audience the query asks for it, as
 * firestore.rules require of a role that may not read the others.
 */
export function LiveNotifications({ config, orgId, audiences, max = 6 }: { config: LiveConfig; orgId: string; audiences: readonly string[]; max?: number }) {
  const only = audiences.length === 1 ? audiences[0] : null;
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    signedInFirestore(config, orgId)
      .then((db) => {
        if (cancelled) return;
        const constraints: QueryConstraint[] = only ? [where('audience', '==', only)] : [];
        const q = query(collection(db, 'tenants', orgId, 'notifications'), ...constraints, orderBy('createdAt', 'desc'), limit(max));
        unsubscribe = onSnapshot(
          q,
          (snap) => {
            setItems(
              snap.docs.map((d) => {
                const v = d.data() as Omit<Item, 'id' | 'createdAt'> & { createdAt?: Timestamp };
                return {
                  id: d.id,
                  kind: v.kind,
                  severity: v.severity,
                  title: v.title,
                  body: v.body,
                  link: v.link ?? null,
                  createdAt: v.createdAt?.toDate() ?? null,
                };
              }),
            );
            setError(null);
          },
          () => setError('Live notifications are unavailable right now.'),
        );
      })
      .catch(() => setError('Live notifications are unavailable right now.'));
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [config, orgId, max, only]);

  return (
    <Card aria-labelledby="notifications-title" data-testid="live-notifications">
      <h2 id="notifications-title" className="font-medium">
        Notifications
      </h2>
      <div role="status" aria-live="polite" className="mt-3">
        {error ? <p className="text-sm text-amber-900">{error}</p> : null}
        {items === null && !error ? <p className="text-sm text-slate-500">Connecting…</p> : null}
        {items?.length === 0 ? <p className="text-sm text-slate-500">Nothing needs your attention.</p> : null}
        {items?.length ? (
          <ul className="divide-y divide-slate-100">
            {items.map((n) => (
              <li key={n.id} className="py-2" data-testid="notification">
                <div className="flex items-center gap-2">
                  <StatusBadge kind="notification" status={n.severity} />
                  <p className="text-sm font-medium">
                    {n.link ? (
                      <Link href={n.link} className="underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                </div>
                {n.body ? <p className="mt-1 text-sm text-slate-600">{n.body}</p> : null}
                {n.createdAt ? (
                  <p className="mt-0.5 text-xs text-slate-600">
                    <Time value={n.createdAt} style="short" />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}
