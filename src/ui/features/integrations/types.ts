import type { Provider } from '@/domain/integrations/endpoint';
import type { DeliveryStatus } from '@/domain/integrations/delivery';

/** What the integrations page's client components receive: JSON-safe (times as ISO strings). */
export interface EndpointRow {
  id: string;
  provider: Provider;
  name: string;
  url: string;
  headerNames: { signature: string; timestamp: string | null; deliveryId: string | null } | null;
  rateLimitPerMinute: number;
  rejectedCount: number;
  lastRejectedAt: string | null;
  lastRejectedReason: string | null;
  secretRotatedAt: string | null;
  previousSecretValidUntil: string | null;
  createdAt: string;
}

export interface DeliveryRow {
  id: string;
  source: string;
  endpointId: string | null;
  topic: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
  nextAttemptAt: string | null;
  eventIds: string[];
  customerIds: string[];
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
