'use client';
import { useState } from 'react';
import { EmptyState } from '@/ui/primitives/card';
import { DeliveriesTable } from './deliveries-table';
import { EndpointCard } from './endpoint-card';
import { NewEndpointForm } from './new-endpoint-form';
import { SecretReveal } from './secret-reveal';
import type { LiveConfig } from '../notifications/browser-firestore';
import type { EndpointRow } from './types';
import type { DeliveryListRow } from './use-live-deliveries';

/** Endpoints and their deliveries share state: a test delivery refreshes the list at once. */
export function IntegrationsWorkspace({
  initialEndpoints,
  initialDeliveries,
  withoutCopy,
  live,
  orgId,
}: {
  initialEndpoints: EndpointRow[];
  initialDeliveries: DeliveryListRow[];
  withoutCopy: string[];
  live: LiveConfig;
  orgId: string;
}) {
  const [endpoints, setEndpoints] = useState(initialEndpoints);
  const [created, setCreated] = useState<{ endpoint: EndpointRow; secret: string } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <div className="space-y-6">
      <NewEndpointForm
        onCreated={(endpoint, secret) => {
          setEndpoints((xs) => [...xs, endpoint]);
          setCreated({ endpoint, secret });
        }}
      />
      <div aria-live="polite">
        {created ? (
          <SecretReveal
            label={`Signing secret for “${created.endpoint.name}”`}
            value={created.secret}
            testId="new-endpoint-secret"
            note={`Shown once: copy it into the sender now, with the URL ${created.endpoint.url}. You can rotate it later.`}
          />
        ) : null}
      </div>
      <section aria-labelledby="endpoints-title" className="space-y-3">
        <h2 id="endpoints-title" className="text-lg font-medium">
          Endpoints
        </h2>
        {endpoints.length === 0 ? <EmptyState title="No endpoints yet">Create one above for your POS or online store.</EmptyState> : null}
        {endpoints.map((e) => (
          <EndpointCard
            key={e.id}
            endpoint={e}
            onChanged={(next) => setEndpoints((xs) => xs.map((x) => (x.id === next.id ? { ...x, ...next } : x)))}
            onDeleted={(id) => setEndpoints((xs) => xs.filter((x) => x.id !== id))}
            onTestSent={() => setRefreshKey((k) => k + 1)}
          />
        ))}
      </section>
      <DeliveriesTable initial={initialDeliveries} withoutCopy={withoutCopy} endpoints={endpoints} refreshKey={refreshKey} live={live} orgId={orgId} />
    </div>
  );
}
