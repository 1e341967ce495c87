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
