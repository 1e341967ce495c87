// A local server speaking Mailjet's Send API v3.1 (POST /v3.1/send) and message lookup
// (GET /v3/REST/message?CustomID=), so the real node-mailjet SDK can be tested against it.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { basicAuthOf, sendRaw, startHttpFake, type Behaviour, type HttpFake } from './http-fake';

export interface MailjetMessage {
  From: { Email: string; Name?: string };
  To: Array<{ Email: string; Name?: string }>;
  ReplyTo?: { Email: string };
  Subject: string;
  TextPart?: string;
  HTMLPart?: string;
  CustomID?: string;
  EventPayload?: string;
  Headers?: Record<string, string>;
  TrackClicks?: string;
  TrackOpens?: string;
}

export interface MailjetFake extends HttpFake {
  apiKey: string;
  apiSecret: string;
  /** Messages Mailjet accepted (and would deliver), with the MessageID it gave, as exact digits. */
  accepted: Array<{ message: MailjetMessage; messageId: string; sandbox: boolean }>;
  /** Runs after a message is accepted and before Mailjet answers (what else happens meanwhile: a webhook event). */
  beforeAnswer: ((accepted: Array<{ message: MailjetMessage; messageId: string }>) => Promise<void>) | null;
}

// Real Mailjet MessageIDs are above 2^53; these are too, so precision loss would show.
const BASE = 1152921504606846976n;

export async function startMailjetFake(): Promise<MailjetFake> {
  const apiKey = `mj-key-${randomUUID().slice(0, 8)}`;
  const apiSecret = `mj-secret-${randomUUID().slice(0, 8)}`;
  const accepted: MailjetFake['accepted'] = [];
  const accept = (message: MailjetMessage, sandbox: boolean) => {
    const messageId = (BASE + BigInt(accepted.length + 1) * 7919n).toString();
    accepted.push({ message, messageId, sandbox });
    return messageId;
  };
  const fake = await startHttpFake(async ({ req, url, body }, behaviour: Behaviour, res: ServerResponse) => {
    const auth = basicAuthOf(req);
    if (!auth || auth.user !== apiKey || auth.pass !== apiSecret)
      return sendRaw(
        res,
        401,
        JSON.stringify({ ErrorIdentifier: randomUUID(), StatusCode: 401, ErrorMessage: 'API key authentication/authorization failure' }),
      );
    if (typeof behaviour === 'object')
      return sendRaw(
        res,
        behaviour.status,
        behaviour.raw ?? JSON.stringify(behaviour.body ?? { ErrorMessage: 'Internal Server Error', StatusCode: behaviour.status }),
      );
    if (req.method === 'GET' && url.pathname === '/v3/REST/message') {
      const customId = url.searchParams.get('CustomID');
      const found = accepted.filter((a) => a.message.CustomID === customId);
      return sendRaw(
        res,
        200,
        `{"Count":${found.length},"Data":[${found.map((f) => `{"ID":${f.messageId},"CustomID":${JSON.stringify(customId)},"Status":"sent"}`).join(',')}],"Total":${found.length}}`,
      );
    }
    if (req.method !== 'POST' || url.pathname !== '/v3.1/send') return sendRaw(res, 404, JSON.stringify({ ErrorMessage: 'Not found', StatusCode: 404 }));
    const payload = JSON.parse(body) as { Messages: MailjetMessage[]; SandboxMode?: boolean };
    const results: string[] = [];
    const acceptedBefore = accepted.length;
    let anyError = false;
    for (const m of payload.Messages ?? []) {
      const missing = !m.From?.Email ? 'From' : !m.To?.length ? 'To' : !m.TextPart && !m.HTMLPart ? 'HTMLPart' : null;
      if (missing) {
        anyError = true;
        results.push(
          JSON.stringify({
            Status: 'error',
            Errors: [
              {
                ErrorIdentifier: randomUUID(),
                ErrorCode: 'mj-0003',
                StatusCode: 400,
                ErrorMessage: `Missing mandatory property: "${missing}".`,
                ErrorRelatedTo: [missing],
              },
            ],
          }),
        );
        continue;
      }
      const id = accept(m, !!payload.SandboxMode);
      const to = m.To.map(
        (t) =>
          `{"Email":${JSON.stringify(t.Email)},"MessageUUID":"${randomUUID()}","MessageID":${id},"MessageHref":"https://api.mailjet.com/v3/REST/message/${id}"}`,
      );
      results.push(`{"Status":"success","CustomID":${JSON.stringify(m.CustomID ?? '')},"To":[${to.join(',')}],"Cc":[],"Bcc":[]}`);
    }
    if (behaviour === 'accept-then-hang') return; // accepted, but the answer never comes: an ambiguous timeout
    if (out.beforeAnswer) await out.beforeAnswer(accepted.slice(acceptedBefore));
    sendRaw(res, anyError ? 400 : 200, `{"Messages":[${results.join(',')}]}`);
  });
  const out: MailjetFake = Object.assign(fake, { apiKey, apiSecret, accepted, beforeAnswer: null });
  return out;
}
