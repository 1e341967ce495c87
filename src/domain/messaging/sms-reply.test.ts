import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySmsReply, START_WORDS, STOP_WORDS, type SmsReplyIntent } from './sms-reply';

// Replies of the kind dispensaries get back from their texts. The FCC words (47 CFR
// 64.1200(a)(10)) and plain requests in other words revoke; a revocation word used in what may be
// another sense is ambiguous (one clarification text); everything else is an ordinary message.
const TABLE: Array<[string, SmsReplyIntent]> = [
  // The FCC's words, alone, in any case, with punctuation.
  ['STOP', 'stop'],
  ['stop', 'stop'],
  ['  Stop  ', 'stop'],
  ['sToP\n', 'stop'],
  ['STOP!!!', 'stop'],
  ['Stop.', 'stop'],
  ['ＳＴＯＰ', 'stop'],
  ['Stoooop', 'stop'],
  ['STOP STOP STOP', 'stop'],
  ['STOPALL', 'stop'],
  ['stop all', 'stop'],
  ['Quit', 'stop'],
  ['END', 'stop'],
  ['revoke', 'stop'],
  ['OPT OUT', 'stop'],
  ['Opt out', 'stop'],
  ['opt-out', 'stop'],
  ['OptOut', 'stop'],
  ['cancel', 'stop'],
  ['Unsubscribe', 'stop'],
  ['unsubscribe!', 'stop'],
  ['No más', 'stop'],
  // Short replies that plainly ask to stop.
  ['Stop texting me', 'stop'],
  ['please stop texting me', 'stop'],
  ['STOP TEXTING ME!!', 'stop'],
  ['please unsubscribe', 'stop'],
  ['Unsubscribe me please', 'stop'],
  ['opt me out', 'stop'],
  ['Please opt me out of these texts', 'stop'],
  ['stop it', 'stop'],
  ['Stop sending me messages', 'stop'],
  ['cancel all texts', 'stop'],
  ['I want to unsubscribe', 'stop'],
  ['How do I stop these texts?', 'stop'],
  ['no more texts please', 'stop'],
  ["Don't text me again", 'stop'],
  ['Please remove me from your list', 'stop'],
  ['Take me off your list', 'stop'],
  ['Wrong number', 'stop'],
  ['Stop. I never signed up for this and I do not know who you are', 'stop'],
  ["Please stop texting me, I've asked three times already and I'm getting annoyed", 'stop'],
  // Ambiguous: a revocation word, but maybe about something else.
  ['I want to cancel my order', 'ambiguous'],
  ['cancel my pickup', 'ambiguous'],
  ['Cancel my membership', 'ambiguous'],
  ['I quit smoking lol', 'ambiguous'],
  // Ordinary messages, including ones with a revocation word in another sense.
  ['when do you stop selling', 'other'],
  ['Is the sale going to end soon?', 'other'],
  ["I'll stop by after work", 'other'],
  ['Can I stop in around 5?', 'other'],
  ['See you at the end of the week', 'other'],
  ["Don't stop sending me deals!", 'other'],
  ["I can't stop eating these gummies", 'other'],
  ['Hey, my card got declined so can you cancel the order and I will just pay cash when I come in tomorrow afternoon', 'other'],
  ['I had to stop at the bank first so I will be a little late picking up my order, hope that is ok', 'other'],
  ['Do you have Blue Dream in stock?', 'other'],
  ['Thanks!', 'other'],
  ['stopp', 'other'],
  ['', 'other'],
  ['yes please', 'other'],
  // Back in, and help.
  ['start', 'start'],
  [' UNSTOP', 'start'],
  ['Yes', 'start'],
  ['help', 'help'],
  [' HELP? ', 'help'],
];

describe('classifySmsReply', () => {
  it.each(TABLE)('%j is %s', (body, intent) => {
    expect(classifySmsReply(body)).toBe(intent);
  });

  it('covers every kind of reply in the table', () => {
    const counts = TABLE.reduce<Record<string, number>>((n, [, i]) => ({ ...n, [i]: (n[i] ?? 0) + 1 }), {});
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(counts.stop).toBeGreaterThanOrEqual(10);
    expect(counts.ambiguous).toBeGreaterThanOrEqual(3);
    expect(counts.other).toBeGreaterThanOrEqual(10);
  });

  it('recognises every stop word in any case, with any surrounding whitespace and trailing punctuation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STOP_WORDS),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.stringMatching(/^[ \t\n]{0,4}$/),
        fc.stringMatching(/^[ \t\n.!?]{0,4}$/),
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
