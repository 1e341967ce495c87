import { SegmentedMessage } from 'sms-segments-calculator';
import type { SegmentInfo } from './send';

/** How carriers will bill and split a text: GSM-7 fits 160 characters in one segment, UCS-2 only 70. */
export function smsSegments(text: string): SegmentInfo {
  if (!text) return { count: 0, encoding: 'GSM-7', characters: 0 };
  const s = new SegmentedMessage(text);
  return { count: s.segmentsCount, encoding: s.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7', characters: s.numberOfCharacters };
}

/** Characters outside GSM-7 (curly quotes, emoji) that force the expensive UCS-2 encoding. */
export function nonGsmCharacters(text: string): string[] {
  return text ? [...new Set(new SegmentedMessage(text).getNonGsmCharacters())] : [];
}

export const STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const START_WORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_WORDS = ['HELP'] as const;

export type SmsReplyIntent = 'stop' | 'start' | 'help' | 'other';

/**
 * What a reply asks for. Carriers treat the keyword as the whole message, in any case, with
 * surrounding spaces (and a trailing full stop or exclamation mark people often add).
 */
export function classifySmsReply(body: string): SmsReplyIntent {
  const word = body
    .normalize('NFKC')
    .trim()
    .replace(/[.!]+$/, '')
    .trim()
    .toUpperCase();
  if ((STOP_WORDS as readonly string[]).includes(word)) return 'stop';
  if ((START_WORDS as readonly string[]).includes(word)) return 'start';
  if ((HELP_WORDS as readonly string[]).includes(word)) return 'help';
  return 'other';
}
