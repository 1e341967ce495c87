'use client';
import { useEffect, useState } from 'react';
import type { SendPreview } from '@/domain/messaging/preview';
import { ApiError, api } from '@/ui/primitives/api-client';

export interface PreviewRequest {
  customerId: string;
  channel: 'email' | 'sms';
  kind?: 'marketing' | 'transactional';
  templateId?: string;
  content?: { subject?: string; body: string };
  variables?: Record<string, unknown>;
  /** false: no sample values, the preview is what a send would be (a missing variable is an error). */
  sampleMissing?: boolean;
}

/** Asks the server for the message as the customer would see it, a moment after the last change. */
export function usePreview(request: PreviewRequest | null, delayMs = 400) {
  // The last preview the server made (kept on screen while the next one is on its way), and which request got the last answer.
  const [preview, setPreview] = useState<SendPreview | null>(null);
  const [answered, setAnswered] = useState<{ key: string; error: string | null } | null>(null);
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      api<{ preview: SendPreview }>('/api/messages/preview', { body: JSON.parse(key) as PreviewRequest })
        .then((res) => {
          if (!live) return;
          setPreview(res.preview);
          setAnswered({ key, error: null });
        })
        .catch((err: unknown) => {
          if (live) setAnswered({ key, error: err instanceof ApiError ? err.message : 'The preview could not be made.' });
        });
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  if (!key) return { preview: null, error: null, loading: false };
  return { preview, error: answered?.key === key ? answered.error : null, loading: answered?.key !== key };
}
