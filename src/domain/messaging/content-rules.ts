/**
 * Content rules every marketing message must pass: cannabis may not be sold as medicine, and
 * nothing may appeal to people under 21. Applied to Craig's drafts (flag and rewrite), to
 * templates when they are saved, and by the gate before a marketing send.
 */

export type ContentRule = 'health_claim' | 'minors';

export interface ContentViolation {
  rule: ContentRule;
  /** The words that matched, as written. */
  phrase: string;
}

const CONDITIONS =
  'anxiety|pain|chronic pain|insomnia|depression|ptsd|cancer|arthritis|nausea|seizures?|epilepsy|migraines?|inflammation|glaucoma|symptoms|illness(?:es)?|diseases?|disorders?|conditions?|addiction|adhd|autism';

const HEALTH: RegExp[] = [
  /\bcur(?:e|es|ed|ing)\b/i,
  /\bheal(?:s|ed|ing)?\b/i,
  new RegExp(
    `\\b(?:treat(?:s|ed|ing|ment(?:s)? for)?|relie(?:f from|ves?|ving)|reduc(?:e|es|ing)|eas(?:e|es|ing)|sooth(?:e|es|ing)|fight(?:s|ing)?|prevent(?:s|ing)?|help(?:s|ing)? (?:with|you with)|good for|for your)\\s+(?:your\\s+)?(?:${CONDITIONS})\\b`,
    'i',
  ),
  /\b(?:medical|health|therapeutic|medicinal|healing) (?:benefits?|properties|effects?)\b/i,
  /\bfda[- ]approved\b/i,
  /\bclinically (?:proven|tested|shown)\b/i,
  /\bdoctor[- ](?:recommended|approved)\b/i,
  /\bno side[- ]effects\b/i,
  /\bsafer than (?:alcohol|prescription|pills|opioids)\b/i,
  /\b(?:anti[- ]?inflammatory|antidepressant|pain ?killer|painkiller|remedy for|miracle)\b/i,
];

const MINORS: RegExp[] = [
  /\b(?:kids?|kiddos?|children|child|teens?|teenagers?|minors?|students?|youth|juniors?|underage)\b/i,
  /\bback[- ]to[- ]school\b/i,
  /\bhigh[- ]school\b/i,
  /\bprom\b/i,
  /\b(?:cartoons?|toys?|candy|candies|lollipops?|gummy bears?)\b/i,
  /\bwhole family\b/i,
];

const RULES: Array<[ContentRule, RegExp[]]> = [
  ['health_claim', HEALTH],
  ['minors', MINORS],
];

export function stripTags(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ');
}

/** Every rule broken by the text (HTML tags are ignored). */
export function findContentViolations(text: string): ContentViolation[] {
  const plain = stripTags(text);
  const out: ContentViolation[] = [];
  for (const [rule, patterns] of RULES) {
    for (const p of patterns) {
      const global = new RegExp(p.source, 'gi');
      for (const m of plain.matchAll(global)) out.push({ rule, phrase: m[0] });
    }
  }
  return out;
}

export const RULE_LABEL: Record<ContentRule, string> = {
  health_claim: 'health or medical claim',
  minors: 'content that appeals to people under 21',
};

export function describeViolations(v: ContentViolation[]): string {
  const byRule = new Map<ContentRule, string[]>();
  for (const x of v) byRule.set(x.rule, [...new Set([...(byRule.get(x.rule) ?? []), x.phrase.toLowerCase()])]);
  return [...byRule.entries()].map(([rule, phrases]) => `${RULE_LABEL[rule]} ("${phrases.join('", "')}")`).join('; ');
}

function rewritePlain(text: string): string {
  const pieces = text.match(/[^.!?\n]+[.!?]*["')\]]*[ \t]*|\n+/g) ?? [];
  return pieces
    .filter((s) => findContentViolations(s).length === 0)
    .join('')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function keepSpacing(original: string, rewritten: string): string {
  if (!rewritten) return '';
  return `${/^\s*/.exec(original)![0]}${rewritten}${/\s*$/.exec(original)![0]}`;
}

/**
 * Removes every sentence that breaks a rule. HTML keeps its tags (only text between them is
 * rewritten). The result may be empty: then nothing in the draft was usable.
 */
export function rewriteContent(text: string, mode: 'html' | 'text'): { text: string; violations: ContentViolation[]; changed: boolean } {
  const violations = findContentViolations(text);
  if (!violations.length) return { text, violations, changed: false };
  const rewritten =
    mode === 'text'
      ? rewritePlain(text)
      : text
          .split(/(<[^>]+>)/)
          .map((part) => (part.startsWith('<') || !part.trim() ? part : keepSpacing(part, rewritePlain(part))))
          .join('')
          .replace(/<(p|li|h[1-6]|strong|em|span)>\s*<\/\1>/gi, '');
  return { text: rewritten, violations, changed: true };
}
