import Mailjet from 'node-mailjet';
import type { DeliveryAttempt, Delivered, EmailProvider, OutgoingEmail } from '../../services/messaging/channel-provider';
import { ProviderError } from '../../services/messaging/channel-provider';

export interface MailjetOptions {
  apiKey: string;
  apiSecret: string;
  /** https://api.mailjet.com in production; tests give a local server speaking Mailjet's format. */
  apiUrl: string;
  timeoutMs: number;
}

interface MailjetErrorShape {
  statusCode?: number | null;
  ErrorMessage?: string;
  code?: string;
  message?: string;
  response?: { data?: unknown } | null;
}

interface SendResponse {
  Messages?: Array<{
    Status: 'success' | 'error';
    CustomID?: string;
    Errors?: Array<{ ErrorCode?: string; ErrorMessage?: string; StatusCode?: number }>;
    To?: Array<{ Email: string; MessageID: string | number; MessageUUID?: string }>;
  }>;
}

/** Email through Mailjet's Send API v3.1. The send id travels as CustomID and comes back on every event. */
export class MailjetEmailProvider implements EmailProvider {
  readonly name = 'mailjet' as const;

  constructor(private readonly opts: MailjetOptions) {}

  private client() {
    const url = new URL(this.opts.apiUrl);
    // node-mailjet always prefixes config.host with its static protocol; a plain-http host is
    // only ever a local test server.
    (Mailjet.Request as unknown as { protocol: string }).protocol = url.protocol === 'http:' ? 'http://' : 'https://';
    return Mailjet.apiConnect(this.opts.apiKey, this.opts.apiSecret, { config: { host: url.host }, options: { timeout: this.opts.timeoutMs } });
  }

  async sendEmail(msg: OutgoingEmail, attempt: DeliveryAttempt): Promise<Delivered> {
    const client = this.client();
    if (attempt.previousAttemptAmbiguous) {
      const earlier = await this.findByCustomId(client, msg.sendId);
      if (earlier) return { providerMessageId: earlier, reconciled: true };
    }
    let body: SendResponse;
    try {
      const res = await client.post('send', { version: 'v3.1' }).request({
        SandboxMode: msg.sandbox,
        Messages: [
          {
            From: { Email: msg.from.email, Name: msg.from.name },
            To: [{ Email: msg.to, Name: msg.toName }],
            ...(msg.replyTo ? { ReplyTo: { Email: msg.replyTo } } : {}),
            Subject: msg.subject,
            TextPart: msg.text,
            HTMLPart: msg.html,
            CustomID: msg.sendId,
            EventPayload: JSON.stringify({ orgId: msg.orgId, sendId: msg.sendId }),
            // Links are already tracked through /r/; Mailjet tracks opens only.
            TrackClicks: 'disabled',
            TrackOpens: 'enabled',
            ...(Object.keys(msg.headers).length ? { Headers: msg.headers } : {}),
          },
        ],
      } as never);
      body = res.body as SendResponse;
    } catch (err) {
      throw classify(err as MailjetErrorShape);
    }
    const m = body.Messages?.[0];
    if (!m) throw new ProviderError('retryable', 'mailjet_empty_response', 'Mailjet answered without a message status.');
    if (m.Status !== 'success') {
      const e = m.Errors?.[0];
      const status = e?.StatusCode ?? 400;
      throw new ProviderError(
        status >= 500 || status === 429 ? 'retryable' : 'permanent',
        `mailjet_${e?.ErrorCode ?? status}`,
        e?.ErrorMessage ?? 'Mailjet refused the message.',
      );
    }
    const id = m.To?.[0]?.MessageID;
    // Sandbox sends have no delivery; Mailjet may still give an id, which is kept when present.
    return { providerMessageId: id !== undefined && id !== null ? String(id) : `sandbox-${msg.sendId}`, reconciled: false };
  }

  /** GET /v3/REST/message?CustomID=: whether an earlier attempt reached Mailjet after all. */
  private async findByCustomId(client: ReturnType<MailjetEmailProvider['client']>, customId: string): Promise<string | null> {
    try {
      const res = await client.get('message', { version: 'v3' }).request(undefined, { CustomID: customId, Limit: 1 });
      const data = (res.body as { Data?: Array<{ ID: string | number }> }).Data ?? [];
      return data[0] ? String(data[0].ID) : null;
    } catch (err) {
      throw classify(err as MailjetErrorShape);
    }
  }
}

function classify(err: MailjetErrorShape): ProviderError {
  const status = err.statusCode ?? null;
  if (status === null) {
    const timedOut = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '');
    // A timeout may have been delivered; a refused connection was not.
    return new ProviderError(
      'retryable',
      timedOut ? 'timeout' : 'network',
      timedOut ? 'Mailjet did not answer in time.' : `Could not reach Mailjet (${err.code ?? 'network error'}).`,
      timedOut,
    );
  }
  const detail = err.ErrorMessage ?? errorMessageOf(err.response?.data) ?? err.message ?? `HTTP ${status}`;
  if (status >= 500 || status === 429) return new ProviderError('retryable', `mailjet_http_${status}`, `Mailjet answered ${status}: ${detail}`);
  return new ProviderError('permanent', `mailjet_http_${status}`, `Mailjet refused the message (${status}): ${detail}`);
}

function errorMessageOf(data: unknown): string | undefined {
  const d = data as { ErrorMessage?: string; Messages?: Array<{ Errors?: Array<{ ErrorMessage?: string }> }> } | undefined;
  return d?.ErrorMessage ?? d?.Messages?.[0]?.Errors?.[0]?.ErrorMessage;
}
