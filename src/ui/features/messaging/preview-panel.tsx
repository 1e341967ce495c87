'use client';
import type { SendPreview } from '@/domain/messaging/preview';
import { EmailView, SmsView } from './message-view';
import { REASON_LABEL } from './send-status';

/** The live preview beside an editor or a send form: the message, and what the gate would do now. */
export function PreviewPanel({
  preview,
  error,
  loading,
  channel,
}: {
  preview: SendPreview | null;
  error: string | null;
  loading: boolean;
  channel: 'email' | 'sms';
}) {
  return (
    <section aria-label="Preview" aria-busy={loading} className="space-y-3">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {preview ? (
        <>
          <p
            role="status"
            className={
              preview.decision.outcome === 'skip'
                ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-900'
                : preview.decision.outcome === 'defer'
                  ? 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900'
                  : 'rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900'
            }
            data-testid="preview-decision"
          >
            <strong>
              {preview.decision.outcome === 'skip'
                ? `Would not be sent: ${REASON_LABEL[preview.decision.reason]}. `
                : preview.decision.outcome === 'defer'
                  ? 'Would wait for quiet hours to end. '
                  : 'Would be sent now. '}
            </strong>
            {preview.decision.detail}
          </p>
          {preview.example ? (
            <p className="rounded-md border border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="preview-example">
              {preview.example} A real send uses the values its playbook gives.
            </p>
          ) : null}
          {channel === 'email' ? (
            <EmailView message={preview.message} to={preview.to} />
          ) : (
            <SmsView text={preview.message.text} segments={preview.message.segments} to={preview.to} />
          )}
        </>
      ) : !error ? (
        <p className="text-sm text-slate-500">{loading ? 'Rendering the preview…' : 'Choose a customer to see the preview.'}</p>
      ) : null}
    </section>
  );
}
