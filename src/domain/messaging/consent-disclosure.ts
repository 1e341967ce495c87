import type { Channel } from '../customer';

/**
 * What staff read to (or show) the customer when recording consent at the counter. The same text is
 * shown on the page and stored with the consent change, so "what was she told?" has an answer. The
 * SMS opt-in is the usual TCPA-style wording: who sends, recurring automated marketing, consent is
 * not a condition of purchase, frequency, rates, HELP and STOP.
 */
export function consentDisclosure(channel: Channel, status: 'opted_in' | 'opted_out', dispensaryName: string): string {
  const name = dispensaryName.trim() || 'this dispensary';
  if (channel === 'sms' && status === 'opted_in') {
    return (
      `By opting in, you agree to receive recurring automated marketing text messages from ${name} at the mobile number provided. ` +
      'Consent is not a condition of any purchase. Message frequency varies. Message and data rates may apply. ' +
      'Reply HELP for help and STOP to cancel at any time.'
    );
  }
  if (channel === 'email' && status === 'opted_in') {
    return `By opting in, you agree to receive marketing emails from ${name} at the email address provided. Consent is not a condition of any purchase. You can unsubscribe at any time with the link in every email.`;
  }
  if (channel === 'sms') return `${name} will send no more marketing text messages to this number. You can opt in again at any time.`;
  return `${name} will send no more marketing emails to this address. You can opt in again at any time.`;
}
