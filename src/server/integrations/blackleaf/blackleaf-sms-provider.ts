import type { DeliveryAttempt, Delivered, OutgoingSms, SmsProvider } from '../../services/messaging/channel-provider';
import { ProviderError } from '../../services/messaging/channel-provider';
import { parseJsonExact } from '../parse-json-exact';

export interface BlackleafOptions {
  apiKey: string;
  /** https://api.blackleaf.io in production; tests give a local server speaking the same shape. */
  apiUrl: string;
  timeoutMs: number;
}

/**
 * SMS through Blackleaf's send API, the one request shape their public documentation gives:
 *
 *   GET {apiUrl}/api/messaging/send/?to=+13135550123&body=...&apiKey=...
 *   200 {"status":"success","message":"...","message-id":"..."}   (or "status":"error")
 *
 * The key travels in the query string because that is what the API accepts; the URL is never
 * logged. Blackleaf offers no idempotency key and no lookup by our id, so a timed-out attempt is
 * retried as is (documented in docs/messaging.md).
 */
export class BlackleafSmsProvider implements SmsProvider {
  readonly name = 'blackleaf' as const;

  constructor(private readonly opts: BlackleafOptions) {}

  async sendSms(msg: OutgoingSms, _attempt: DeliveryAttempt): Promise<Delivered> {
    const url = new URL('/api/messaging/send/', this.opts.apiUrl);
    url.search = new URLSearchParams({ to: msg.to, body: msg.text, apiKey: this.opts.apiKey }).toString();
    let res: Response;
    try {
      res = await fetch(url, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ProviderError('retryable', 'timeout', 'Blackleaf did not answer in time.', true);
      throw new ProviderError('retryable', 'network', `Could not reach Blackleaf (${(err as Error).message}).`);
    }
    const text = await res.text().catch(() => '');
    let body: { status?: string; message?: string; 'message-id'?: string | number } = {};
    try {
      body = text ? (parseJsonExact(text) as typeof body) : {};
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (res.status >= 500 || res.status === 429)
      throw new ProviderError('retryable', `blackleaf_http_${res.status}`, `Blackleaf answered ${res.status}: ${body.message ?? res.statusText}`);
    if (res.status >= 400)
      throw new ProviderError('permanent', `blackleaf_http_${res.status}`, `Blackleaf refused the message (${res.status}): ${body.message ?? res.statusText}`);
    if (body.status !== 'success' || body['message-id'] === undefined) {
      throw new ProviderError('permanent', 'blackleaf_error', `Blackleaf refused the message: ${body.message ?? 'no message id in the answer'}`);
    }
    return { providerMessageId: String(body['message-id']), reconciled: false };
  }
}
