import { config } from '../../config';
import { BlackleafSmsProvider } from '../../integrations/blackleaf/blackleaf-sms-provider';
import { MailjetEmailProvider } from '../../integrations/mailjet/mailjet-email-provider';
import { ProviderError, type Delivered, type EmailProvider, type OutgoingEmail, type OutgoingSms, type SmsProvider } from './channel-provider';
import { credential, messagingEnv } from './messaging-config';

/**
 * Development and tests without provider credentials: the send record already holds the fully
 * rendered message, so "delivering" it to the outbox is recording that it went out.
 */
export const outboxProvider: EmailProvider & SmsProvider = {
  name: 'outbox',
  async sendEmail(msg: OutgoingEmail): Promise<Delivered> {
    return { providerMessageId: `outbox-${msg.sendId}`, reconciled: false };
  },
  async sendSms(msg: OutgoingSms): Promise<Delivered> {
    return { providerMessageId: `outbox-${msg.sendId}`, reconciled: false };
  },
};

/** In production a missing credential is a configuration fault: retried (nothing lost), never silently "sent". */
const notConfigured = (what: string): EmailProvider & SmsProvider => {
  const fail = async (): Promise<never> => {
    throw new ProviderError('retryable', 'not_configured', `${what} credentials are not configured in Secret Manager.`);
  };
  return { name: 'outbox', sendEmail: fail, sendSms: fail };
};

export async function emailProvider(orgId: string): Promise<EmailProvider> {
  const [apiKey, apiSecret] = await Promise.all([credential('MAILJET_API_KEY', orgId), credential('MAILJET_API_SECRET', orgId)]);
  if (apiKey && apiSecret) {
    const env = messagingEnv();
    return new MailjetEmailProvider({ apiKey, apiSecret, apiUrl: env.MAILJET_API_URL, timeoutMs: env.MESSAGING_PROVIDER_TIMEOUT_MS });
  }
  return config().isProduction ? notConfigured('Mailjet') : outboxProvider;
}

/** SMS in sandbox mode stays in the outbox: Blackleaf has no sandbox. */
export async function smsProvider(orgId: string, sandbox: boolean): Promise<SmsProvider> {
  if (sandbox) return outboxProvider;
  const apiKey = await credential('BLACKLEAF_API_KEY', orgId);
  if (apiKey) {
    const env = messagingEnv();
    return new BlackleafSmsProvider({ apiKey, apiUrl: env.BLACKLEAF_API_URL, timeoutMs: env.MESSAGING_PROVIDER_TIMEOUT_MS });
  }
  return config().isProduction ? notConfigured('Blackleaf') : outboxProvider;
}

/** For the settings page: which way each channel goes right now. */
export async function providerStatus(
  orgId: string,
): Promise<{ email: 'mailjet' | 'outbox' | 'not_configured'; sms: 'blackleaf' | 'outbox' | 'not_configured' }> {
  const [mjKey, mjSecret, blKey] = await Promise.all([
    credential('MAILJET_API_KEY', orgId),
    credential('MAILJET_API_SECRET', orgId),
    credential('BLACKLEAF_API_KEY', orgId),
  ]);
  const prod = config().isProduction;
  return {
    email: mjKey && mjSecret ? 'mailjet' : prod ? 'not_configured' : 'outbox',
    sms: blKey ? 'blackleaf' : prod ? 'not_configured' : 'outbox',
  };
}
