/**
 * What a customer's text asks for. Since April 2025 the FCC (47 CFR 64.1200(a)(10)) treats a
 * reply using stop, quit, end, revoke, opt out, cancel or unsubscribe as revoking consent, and
 * other wording too when a reasonable person would read it as "stop texting me". A reply that
 * uses a revocation word in what may be another sense ("I want to cancel my order") is
 * ambiguous: it gets one clarification text, never a silent opt-out nor a silent pass.
 */
export type SmsReplyIntent = 'stop' | 'start' | 'help' | 'ambiguous' | 'other';

/** Whole-message keywords (any case, any punctuation). Spanish ones included: carriers honour them too. */
export const STOP_WORDS = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'QUIT',
  'END',
  'REVOKE',
  'OPT OUT',
  'OPT-OUT',
  'OPTOUT',
  'CANCEL',
  'UNSUBSCRIBE',
  'UNSUB',
  'ALTO',
  'PARAR',
  'CANCELAR',
  'BAJA',
  'NO MAS',
] as const;
export const START_WORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_WORDS = ['HELP'] as const;

/** Tokens that make a reply a revocation request (after normalising "opt out" to one word). */
const KEYWORDS = new Set(['stop', 'stopall', 'quit', 'end', 'revoke', 'optout', 'cancel', 'unsubscribe', 'unsub', 'alto', 'parar', 'cancelar', 'baja']);

/**
 * Words that do not change what a revocation word means: politeness, pronouns, and words about
 * the texts themselves. "Please unsubscribe me from this list" is all keyword and filler; "cancel
 * my order" is not ("order" is about something else).
 */
const FILLER = new Set(
  (
    'please pls plz thanks thank thx ty you u ur your now asap already just ok okay k all any anymore more again immediately right away ' +
    'seriously really for god sake sakes ffs wtf omg lol fuck fucking freaking damn dammit hey hi hello yo yes no ' +
    'i im id ive me my mine we us our it its this that these those them they ' +
    'want wanna would like need to do does can could will should how help ' +
    'a an the of on off from with and or in ' +
    'list lists number numbers phone cell text texts texting txt txts txting message messages messaging msg msgs sms mms ' +
    'sending send sent receiving receive getting get notifications notification alerts alert promos promo promotions ' +
    'promotional marketing ads advertising spam subscription subscriptions subscribed service contact contacting consent'
  ).split(' '),
);

const QUESTION_START = new Set(['when', 'what', 'whats', 'where', 'why', 'how', 'is', 'are', 'does', 'do', 'did', 'will', 'can', 'could', 'should', 'would']);

const NEGATIONS = new Set(['dont', 'not', 'never', 'wont', 'cant', 'cannot', 'didnt', 'doesnt', 'shouldnt', 'wouldnt']);

/** Plain requests in other words: honoured as revocations when the reply is not long. */
const STOP_PHRASES: RegExp[] = [
  /\b(stop|quit|cease|end)( \w+)? (texting|txting|messaging|sending|contacting|calling|spamming|bothering|harassing)\b/,
  /\bno more (texts?|txts?|messages?|msgs?|sms|spam|promos?|marketing)\b/,
  /\b(dont|do not|never) (text|txt|message|msg|contact|sms|spam) (me|us|this number|my number|again)\b/,
  /\b(unsubscribe|optout|unenroll|unenrol) (me|us|this number|my number)\b/,
  /\b(remove|take|delete|drop) (me|us|my number|this number|my phone|my phone number) (off|from)\b/,
  /\b(lose|delete) my number\b/,
  /\bwrong number\b/,
  /\bleave me alone\b/,
];

/** A revocation word followed by these is ordinary speech: "I'll stop by", "the end of the week". */
const IDIOM_AFTER: Record<string, ReadonlySet<string>> = {
  stop: new Set(['by', 'in', 'at', 'over', 'through', 'thru', 'off']),
  end: new Set(['of', 'up']),
};

/** Short enough that a revocation word in it may well be about the texts. */
const AMBIGUOUS_MAX_WORDS = 12;
/** Longer replies that merely contain a plain request are asked, not opted out. */
const PHRASE_MAX_WORDS = 30;

function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/\bopt[\s-]*(me|us)[\s-]*out\b/g, 'optout $1')
    .replace(/\bopt[\s-]*out\b/g, 'optout')
    .replace(/\bun-subscribe\b/g, 'unsubscribe')
    .replace(/\bstop[\s-]+all\b/g, 'stopall')
    .replace(/(\p{L})\1{2,}/gu, '$1');
}

function words(sentence: string): string[] {
  return sentence
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function negated(tokens: string[], at: number): boolean {
  return tokens.slice(Math.max(0, at - 3), at).some((t) => NEGATIONS.has(t));
}

/** Positions of revocation words used as such: not negated, not part of an idiom. */
function keywordPositions(tokens: string[]): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (!KEYWORDS.has(t) || negated(tokens, i)) return;
    if (IDIOM_AFTER[t]?.has(tokens[i + 1] ?? '')) return;
    if (t === 'end' && tokens[i - 1] === 'the') return;
    out.push(i);
  });
  return out;
}

function hasStopPhrase(tokens: string[]): boolean {
  const text = tokens.join(' ');
  return STOP_PHRASES.some((re) => {
    const m = re.exec(text);
    if (!m) return false;
    const before = text.slice(0, m.index).split(' ').filter(Boolean);
    return !negated(before, before.length);
  });
}

/** Classifies a text a customer sent. Pure; the cases it is held to are in sms-reply.test.ts. */
export function classifySmsReply(body: string): SmsReplyIntent {
  const text = normalise(body);
  const all = words(text);
  if (all.length === 0) return 'other';
  const whole = all.join(' ');
  // "STOP STOP", "Stop!!!", "opt-out": the whole reply is revocation words.
  if (all.every((w) => KEYWORDS.has(w)) || whole === 'no mas') return 'stop';
  if (all.length === 1 && (START_WORDS as readonly string[]).includes(whole.toUpperCase())) return 'start';
  if (all.length === 1 && (HELP_WORDS as readonly string[]).includes(whole.toUpperCase())) return 'help';

  let keyword = false;
  for (const sentence of text.match(/[^.!?;\n]+[.!?;\n]*/g) ?? []) {
    const tokens = words(sentence);
    const found = keywordPositions(tokens);
    if (!found.length) continue;
    // A sentence of revocation words and filler only: "Please unsubscribe me", "stop it now".
    if (tokens.every((t, i) => found.includes(i) || FILLER.has(t))) return 'stop';
    // A question about something else ("when do you stop selling?") is for staff to answer.
    if (!sentence.includes('?') && !QUESTION_START.has(tokens[0]!)) keyword = true;
  }
  if (hasStopPhrase(all)) return all.length <= PHRASE_MAX_WORDS ? 'stop' : 'ambiguous';
  if (keyword && all.length <= AMBIGUOUS_MAX_WORDS) return 'ambiguous';
  return 'other';
}
