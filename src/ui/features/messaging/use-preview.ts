'use client';
import { useEffect, useRef, useState } from 'react';
import type { SendPreview } from '@/domain/messaging/preview';
import { ApiError, api } from '@/ui/primitives/api-client';

export interface PreviewRequest {
  customerId: string;
  channel: 'email' | 'sms';
  kind?: 'marketing' | 'transactional';
  templateId?: string;
  content?: { subject?: string; body: string };
  variables?: Record<string, unknown>;
}

/** Asks the server for the message as the customer would see it, a moment after the last change. */
export function usePreview(request: PreviewRequest | null, delayMs = 400) {
  const [preview, setPreview] = useState<SendPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request) {
      setPreview(null);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      api<{ preview: SendPreview }>('/api/messages/preview', { body: request })
        .then((res) => {
          if (mine !== seq.current) return;
          setPreview(res.preview);
          setError(null);
        })
        .catch((err: unknown) => {
          if (mine !== seq.current) return;
          setError(err instanceof ApiError ? err.message : 'The preview could not be made.');
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, delayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);
  return { preview, error, loading };
}
