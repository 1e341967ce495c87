'use client';
import { useState } from 'react';
import type { Step } from '@/domain/playbooks/step-registry';
import { PreviewPanel } from '@/ui/features/messaging/preview-panel';
import { usePreview, type PreviewRequest } from '@/ui/features/messaging/use-preview';
import { Button } from '@/ui/primitives/button';
import { CustomerSearch } from '@/ui/features/customers/customer-search';
import { useBuilder } from './builder-context';

/** What the preview endpoint needs for this step, or null while the step has nothing to show. */
function requestFor(step: Step, channel: 'email' | 'sms', customerId: string): PreviewRequest | null {
  const kind = (step.kind as 'marketing' | 'transactional' | undefined) ?? undefined;
  const variables = (step.variables as Record<string, unknown> | undefined) ?? {};
  const body = typeof step.body === 'string' ? step.body : '';
  if (!step.useComposed && body.trim())
    return { customerId, channel, kind, variables, content: { subject: channel === 'email' ? (step.subject as string) || ' ' : undefined, body } };
  if (typeof step.template === 'string' && step.template) return { customerId, channel, kind, variables, templateId: step.template };
  return null;
}

/** The message as the chosen customer would get it, and what the gate would decide right now. */
export function MessagePreview({ step, channel }: { step: Step; channel: 'email' | 'sms' }) {
  const { canPreview, previewCustomer, setPreviewCustomer } = useBuilder();
  const [open, setOpen] = useState(false);
  const request = open && previewCustomer ? requestFor(step, channel, previewCustomer.id) : null;
  const { preview, error, loading } = usePreview(request);
  if (!canPreview) return <p className="text-xs text-slate-500">Owners and admins can preview this message for a customer.</p>;
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <Button variant="secondary" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? 'Hide preview' : 'Preview for a customer'}
      </Button>
      {open ? (
        <div className="mt-3 space-y-3">
          <CustomerSearch label="Preview for" value={previewCustomer} onChange={(c) => c && setPreviewCustomer(c)} autoPickFirst />
          {request ? (
            <PreviewPanel preview={preview} error={error} loading={loading} channel={channel} />
          ) : (
            <p className="text-sm text-slate-500">{previewCustomer ? 'Choose a template or write the message to see it.' : 'Choose a customer.'}</p>
          )}
          <p className="text-xs text-slate-500">
            Order, cart and product values come from the trigger when the playbook runs; the preview fills them with samples.
          </p>
        </div>
      ) : null}
    </div>
  );
}
