import type { RenderedMessage, SegmentInfo } from '@/domain/messaging/send';
import { cn } from '@/ui/primitives/cn';

/**
 * An email exactly as the customer's mail app would show it. The iframe is fully sandboxed: no
 * scripts, no forms, no navigation of this page, so message HTML can never act on the dashboard.
 */
export function EmailView({
  message,
  to,
  from,
  className,
}: {
  message: Pick<RenderedMessage, 'subject' | 'html' | 'headers'>;
  to?: string | null;
  from?: string;
  className?: string;
}) {
  return (
    <figure className={cn('overflow-hidden rounded-lg border border-slate-200 bg-white', className)} aria-label="Email as the customer sees it">
      <figcaption className="space-y-0.5 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm">
        {from ? (
          <p>
            <span className="text-slate-500">From </span>
            {from}
          </p>
        ) : null}
        {to ? (
          <p>
            <span className="text-slate-500">To </span>
            {to}
          </p>
        ) : null}
        <p className="font-medium" data-testid="email-subject">
          {message.subject}
        </p>
        {message.headers['List-Unsubscribe'] ? (
          <p className="text-xs text-slate-500">One-click unsubscribe offered by the mail app (List-Unsubscribe)</p>
        ) : null}
      </figcaption>
      <iframe
        title={`Email: ${message.subject ?? ''}`}
        sandbox=""
        srcDoc={message.html ?? ''}
        className="h-[28rem] w-full bg-white"
        data-testid="email-frame"
      />
    </figure>
  );
}

/** A text message in a phone-style bubble, with what it costs to send. */
export function SmsView({ text, segments, to, className }: { text: string; segments: SegmentInfo | null; to?: string | null; className?: string }) {
  return (
    <figure
      className={cn('mx-auto w-full max-w-xs rounded-[2rem] border-4 border-slate-800 bg-slate-100 p-3 shadow-inner', className)}
      aria-label="Text message as the customer sees it"
    >
      {to ? <p className="mb-2 text-center text-xs text-slate-600">to {to}</p> : null}
      <p
        className="ml-auto max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-sky-700 px-3 py-2 text-sm text-white"
        data-testid="sms-bubble"
      >
        {text}
      </p>
      {segments ? <SegmentNote segments={segments} /> : null}
    </figure>
  );
}

export function SegmentNote({ segments }: { segments: SegmentInfo }) {
  return (
    <figcaption className={cn('mt-2 text-center text-xs', segments.count > 1 ? 'font-medium text-amber-800' : 'text-slate-600')} data-testid="sms-segments">
      {segments.characters} characters · {segments.encoding} · {segments.count} segment{segments.count === 1 ? '' : 's'}
      {segments.count > 1 ? ' (billed as separate texts)' : ''}
    </figcaption>
  );
}
