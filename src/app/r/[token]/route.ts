import { systemClock } from '@/domain/clock';
import { withRequest } from '@/server/http/with-request';
import { trackClick } from '@/server/services/messaging/track-click';

// GET /r/[token]: a tracked link in a message; records the click, then redirects to the URL that was in the message (never elsewhere)
export const GET = withRequest<{ token: string }>(async (_req, _rc, params) => {
  const url = await trackClick(params.token, systemClock);
  if (!url) return new Response('This link is not valid or has expired.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
});
