// A local server speaking the Blackleaf send API as BakedBot uses it:
// GET /api/messaging/send/?to=&body=&apiKey=  ->  {"status":"success","message":"...","message-id":...}
import { randomUUID } from 'node:crypto';
import { sendRaw, startHttpFake, type HttpFake } from './http-fake';

export interface BlackleafFake extends HttpFake {
  apiKey: string;
  accepted: Array<{ to: string; body: string; messageId: string }>;
}

export async function startBlackleafFake(): Promise<BlackleafFake> {
  const apiKey = `bl-${randomUUID()}`;
  const accepted: BlackleafFake['accepted'] = [];
  const fake = await startHttpFake(({ req, url }, behaviour, res) => {
    if (req.method !== 'GET' || url.pathname !== '/api/messaging/send/') return sendRaw(res, 404, JSON.stringify({ status: 'error', message: 'Not found' }));
    if (url.searchParams.get('apiKey') !== apiKey) return sendRaw(res, 401, JSON.stringify({ status: 'error', message: 'Invalid API key' }));
    if (typeof behaviour === 'object')
      return sendRaw(res, behaviour.status, behaviour.raw ?? JSON.stringify(behaviour.body ?? { status: 'error', message: 'Service unavailable' }));
    const to = url.searchParams.get('to') ?? '';
    const body = url.searchParams.get('body') ?? '';
    if (!/^\+[1-9]\d{7,14}$/.test(to)) return sendRaw(res, 400, JSON.stringify({ status: 'error', message: 'Invalid destination number' }));
    if (!body) return sendRaw(res, 400, JSON.stringify({ status: 'error', message: 'Message body is required' }));
    const messageId = (9007199254740993n + BigInt(accepted.length)).toString();
    accepted.push({ to, body, messageId });
    if (behaviour === 'accept-then-hang') return;
    sendRaw(res, 200, `{"status":"success","message":"Message queued","message-id":${messageId}}`);
  });
  return Object.assign(fake, { apiKey, accepted });
}
