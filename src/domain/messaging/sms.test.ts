import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySmsReply, smsSegments, START_WORDS, STOP_WORDS } from './sms';

describe('classifySmsReply', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    ['  Stop  ', 'stop'],
    ['sToP\n', 'stop'],
    ['STOPALL', 'stop'],
    ['unsubscribe', 'stop'],
    ['Cancel', 'stop'],
    ['end', 'stop'],
    ['QUIT', 'stop'],
    ['revoke', 'stop'],
    ['OptOut', 'stop'],
    ['stop.', 'stop'],
    ['STOP!', 'stop'],
    ['\tquit ', 'stop'],
    ['ＳＴＯＰ', 'stop'],
    ['start', 'start'],
    [' UNSTOP', 'start'],
    ['yes', 'start'],
    ['help', 'help'],
    [' HELP ', 'help'],
    ['please stop texting me', 'other'],
    ['stopp', 'other'],
    ['Thanks!', 'other'],
    ['', 'other'],
    ['yes please', 'other'],
  ])('%j is %s', (body, intent) => {
    expect(classifySmsReply(body)).toBe(intent);
  });

  it('recognises every stop word in any case with any surrounding whitespace', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STOP_WORDS),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.stringMatching(/^[ \t\n]{0,4}$/),
        fc.stringMatching(/^[ \t\n]{0,4}$/),
        (word, caps, pre, post) => {
          const mixed = [...word].map((ch, i) => (caps[i] ? ch.toLowerCase() : ch)).join('');
          expect(classifySmsReply(`${pre}${mixed}${post}`)).toBe('stop');
        },
      ),
    );
  });

  it('never reads a start word as a stop', () => {
    for (const w of START_WORDS) expect(classifySmsReply(w.toLowerCase())).toBe('start');
  });
});

describe('smsSegments', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('x'.repeat(160))).toEqual({ count: 1, encoding: 'GSM-7', characters: 160 });
    expect(smsSegments('x'.repeat(161)).count).toBe(2);
    expect(smsSegments('Hi 😀').encoding).toBe('UCS-2');
    expect(smsSegments('é'.repeat(71)).encoding).toBe('GSM-7');
    expect(smsSegments('’'.repeat(71)).count).toBe(2);
  });
});
