import type { Metadata } from 'next';
import { systemClock } from '@/domain/clock';
import { describeUnsubscribe } from '@/server/services/messaging/unsubscribe';
import { buttonClass } from '@/ui/primitives/button';

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false, follow: false } };

// Public page behind the unsubscribe link in every marketing email. Loading it changes nothing
// (mail scanners open links); the button posts to the one-click endpoint.
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const { done } = await searchParams;
  const target = token === 'preview' ? null : await describeUnsubscribe(decodeURIComponent(token), systemClock);
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        {!target ? (
          <>
            <h1 className="text-xl font-semibold">This unsubscribe link is not valid</h1>
            <p className="mt-2 text-sm text-slate-600">
              It may have been copied incompletely. Use the link in the latest email, or reply to that email and ask to be removed.
            </p>
          </>
        ) : done || target.alreadyOptedOut ? (
          <>
            <h1 className="text-xl font-semibold">You are unsubscribed</h1>
            <p role="status" className="mt-2 text-sm text-slate-700">
              {target.maskedAddress || 'You'} will no longer get marketing emails from {target.businessName}. Receipts and order updates may still arrive.
            </p>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">Unsubscribe from {target.businessName}</h1>
            <p className="mt-2 text-sm text-slate-700">Stop marketing emails to {target.maskedAddress || 'this address'}?</p>
            <form method="post" action={`/api/unsubscribe/${encodeURIComponent(decodeURIComponent(token))}`} className="mt-6">
              <input type="hidden" name="from" value="page" />
              <button type="submit" className={buttonClass('primary')}>
                Unsubscribe
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
