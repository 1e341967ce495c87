import { errors } from '@/domain/errors';
import { systemClock } from '@/domain/clock';
import { readBodyBytes } from '@/server/http/parse';
import { withRequest } from '@/server/http/with-request';
import { appBaseUrl } from '@/server/services/messaging/messaging-config';
import { unsubscribeWithToken } from '@/server/services/messaging/unsubscribe';

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

// GET /api/unsubscribe/[token]: never unsubscribes (link scanners fetch URLs); sends people to the confirmation page
export const GET = withRequest<{ token: string }>(async (_req, _rc, params) => seeOther(`${appBaseUrl()}/unsubscribe/${encodeURIComponent(params.token)}`));

// POST /api/unsubscribe/[token]: RFC 8058 one-click unsubscribe (List-Unsubscribe=One-Click) or the page's button; signed token, idempotent
export const POST = withRequest<{ token: string }>(async (req, _rc, params) => {
  const body = new TextDecoder().decode(await readBodyBytes(req, 8 * 1024));
  const target = await unsubscribeWithToken(params.token, systemClock);
  if (!target) throw errors.notFound('Unsubscribe link');
  // The page's own form asks to come back to it; mail clients doing one-click get a plain 200.
  if (new URLSearchParams(body).get('from') === 'page') return seeOther(`${appBaseUrl()}/unsubscribe/${encodeURIComponent(params.token)}?done=1`);
  return { ok: true, unsubscribed: target.channel };
});
