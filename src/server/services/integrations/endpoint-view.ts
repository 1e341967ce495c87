import { randomBytes } from 'node:crypto';
import { webhookPath, type IntegrationEndpoint, type Provider } from '@/domain/integrations/endpoint';
import { config } from '../../config';

export type EndpointView = Omit<IntegrationEndpoint, 'secretName'> & { url: string };

export function endpointUrl(provider: Provider, id: string, baseUrl = config().appBaseUrl): string {
  return `${baseUrl.replace(/\/$/, '')}${webhookPath(provider, id)}`;
}

/** What the dashboard and API show: never the secret's name or value. */
export function endpointView(e: IntegrationEndpoint): EndpointView {
  const { secretName: _s, ...rest } = e;
  return { ...rest, url: endpointUrl(e.provider, e.id) };
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Unbiased random letters and digits (for ids that sit in URLs). */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHANUM[b % 62];
    }
  }
  return out;
}

/** A new signing secret in the sender's usual form: Standard Webhooks wants "whsec_" and base64. */
export function generateSecret(provider: Provider): string {
  return provider === 'standard' ? `whsec_${randomBytes(32).toString('base64')}` : `bbwh_${randomToken(40)}`;
}
