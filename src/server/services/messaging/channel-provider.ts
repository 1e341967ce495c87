/**
 * The port every delivery channel implements. Adapters (Mailjet, Blackleaf, the outbox) live in
 * src/server/integrations and never decide whether a message may go: the gate did that.
 */

export interface OutgoingEmail {
  sendId: string;
  orgId: string;
  to: string;
  toName: string;
  from: { email: string; name: string };
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Mailjet validates but does not deliver. */
  sandbox: boolean;
}

export interface OutgoingSms {
  sendId: string;
  orgId: string;
  to: string;
  text: string;
}

export interface DeliveryAttempt {
  /**
   * The previous attempt may have reached the provider (it timed out, or its worker died): an
   * adapter that can look the message up must do so before sending again.
   */
  previousAttemptAmbiguous: boolean;
}

export interface Delivered {
  providerMessageId: string;
  /** True when an earlier, ambiguous attempt turned out to have been delivered: nothing was sent now. */
  reconciled: boolean;
}

/**
 * retryable: 5xx, 429, network errors and timeouts (the tick tries again with backoff).
 * permanent: the provider refused the message (4xx); retrying would not help.
 * ambiguous: the request may have reached the provider (a timeout after sending).
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: 'retryable' | 'permanent',
    readonly code: string,
    message: string,
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface EmailProvider {
  readonly name: 'mailjet' | 'outbox';
  sendEmail(msg: OutgoingEmail, attempt: DeliveryAttempt): Promise<Delivered>;
}

export interface SmsProvider {
  readonly name: 'blackleaf' | 'outbox';
  sendSms(msg: OutgoingSms, attempt: DeliveryAttempt): Promise<Delivered>;
}
