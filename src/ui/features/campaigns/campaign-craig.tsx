'use client';
import { useState } from 'react';
import { CraigPanel } from '@/ui/features/messaging/craig-panel';
import { api, ApiError } from '@/ui/primitives/api-client';
import type { TemplateChoice } from './campaigns-view';

/**
 * "Or let Craig write it": Craig's draft becomes a marketing template of its own, chosen for the
 * campaign, so it goes through the same checks, rendering and preview as any template (and can be
 * edited under Messages before sending). docs/crm.md, Segment campaigns.
 */
export function CampaignCraig({ channel, onSaved }: { channel: 'email' | 'sms'; onSaved: (t: TemplateChoice) => void }) {
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function save(draft: { subject?: string; body: string }) {
    setStatus(null);
    const first = (draft.subject ?? draft.body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    const name = `Craig: ${first.length > 60 ? `${first.slice(0, 59)}…` : first}`;
    try {
      const { template } = await api<{ template: { id: string; name: string; channel: 'email' | 'sms' } }>('/api/messages/templates', {
        body: {
          key: `craig_${Date.now().toString(36)}`,
          name,
          description: 'Written by Craig for a campaign.',
          channel,
          kind: 'marketing',
          subject: channel === 'email' ? (draft.subject ?? null) : null,
          body: draft.body,
        },
      });
      onSaved({ id: template.id, name: template.name, channel: template.channel });
      setStatus({ tone: 'ok', text: `Saved as the template “${template.name}” and chosen as the campaign's message.` });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : 'The draft could not be saved. Try again.' });
    }
  }

  return (
    <div className="mt-4 space-y-2 border-t border-slate-200 pt-4">
      <p className="text-sm text-slate-600">No template that fits? Craig, the marketer, can write the message from a short brief.</p>
      <CraigPanel channel={channel} onUse={(d) => void save(d)} />
      <p aria-live="polite" className={`text-sm ${status?.tone === 'error' ? 'text-red-800' : 'text-emerald-800'}`}>
        {status?.text}
      </p>
    </div>
  );
}
