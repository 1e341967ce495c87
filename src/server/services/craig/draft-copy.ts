import { z } from 'zod';
import { rewriteContent } from '@/domain/messaging/content-rules';
import type { CraigDraft } from '@/domain/messaging/craig-draft';
import { composeMessage } from '@/domain/messaging/compose-message';
import type { SegmentInfo } from '@/domain/messaging/send';
import { validateTemplateSource } from '@/domain/messaging/template-engine';
import { TEMPLATE_VARIABLES } from '@/domain/messaging/template-variables';
import type { ServiceContext } from '../../context';
import { countedLanguageModel } from '../analytics/count-ai-calls';
import { getMessagingSettings } from '../messaging/messaging-settings';
import { listTemplates } from '../messaging/manage-templates';
import { LanguageModelError, type LanguageModel } from './language-model';
import { pickFallbackTemplates } from './pick-fallback-templates';

export const CraigBriefSchema = z.object({
  goal: z.string().trim().min(3, 'Say what the message should achieve').max(300),
  audience: z.string().trim().max(300).default(''),
  tone: z.string().trim().max(100).default(''),
  offer: z.string().trim().max(200).default(''),
  channel: z.enum(['email', 'sms', 'both']).default('both'),
});
export type CraigBrief = z.input<typeof CraigBriefSchema>;

/** What Claude must answer with. Limits are checked again after the content rules rewrite. */
export const CraigDraftSchema = z.object({
  subject: z.string().min(1).max(120),
  emailHtml: z.string().min(1).max(6_000),
  smsVariants: z.array(z.string().min(1).max(320)).min(1).max(3),
});

export const SUBJECT_MAX = 78;

export type { CraigDraft } from '@/domain/messaging/craig-draft';

/**
 * Craig, the marketer: writes a subject, an email body and SMS variants from a brief and the
 * dispensary's brand voice. Claude's draft is held to the content rules (flagged and rewritten)
 * and to channel limits. Without an API key, or when Claude fails or times out, Craig offers the
 * dispensary's closest templates instead and says so.
 */
export async function draftCopy(
  ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'log' | 'renderBudget'>,
  rawBrief: CraigBrief,
  deps: { model?: LanguageModel } = {},
): Promise<CraigDraft> {
  const brief = CraigBriefSchema.parse(rawBrief);
  const settings = await getMessagingSettings(ctx);
  const model = deps.model ?? (await countedLanguageModel(ctx, 'craig'));
  const smsSegmentsOf = (text: string) =>
    composeMessage({ channel: 'sms', kind: 'marketing', purpose: 'message', subject: null, body: text, settings, tracking: null, unsubscribe: null }).segments!;
  try {
    const { output, model: used } = await model.generateStructured({
      system: systemPrompt(settings.footer.businessName, settings.brandVoice),
      prompt: taskPrompt(brief),
      schema: CraigDraftSchema,
    });
    const subject = rewriteContent(output.subject, 'text');
    const html = rewriteContent(output.emailHtml, 'html');
    const sms = output.smsVariants.map((v) => rewriteContent(v, 'text'));
    const flags = [subject, html, ...sms].flatMap((r) => r.violations);
    const smsVariants = sms
      .map((r) => r.text.trim())
      .filter(Boolean)
      .map((text) => ({ text, segments: smsSegmentsOf(text) }));
    if (!html.text.trim() || !subject.text.trim()) throw new LanguageModelError('invalid_output', 'Nothing in the draft passed the content rules.');
    const subjectText = subject.text.length > SUBJECT_MAX ? `${subject.text.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : subject.text;
    const notes = [
      flags.length
        ? `Craig removed ${flags.length} phrase(s) that broke the content rules (${[...new Set(flags.map((f) => f.phrase.toLowerCase()))].join(', ')}).`
        : null,
      smsVariants.some((v) => v.segments.count > 1) ? 'Some SMS variants need more than one segment.' : null,
    ].filter(Boolean);
    return {
      source: 'craig',
      model: used,
      notice: notes.length ? notes.join(' ') : null,
      subject: subjectText,
      emailHtml: html.text,
      smsVariants,
      flags,
      problems: [
        ...validateTemplateSource({ channel: 'email', subject: subjectText, body: html.text }, ctx.renderBudget),
        ...smsVariants.flatMap((v, i) =>
          validateTemplateSource({ channel: 'sms', subject: null, body: v.text }, ctx.renderBudget).map((p) => ({ ...p, path: `sms.${i}` })),
        ),
      ],
      fallbackTemplates: [],
    };
  } catch (err) {
    if (!(err instanceof LanguageModelError)) throw err;
    ctx.log?.warn({ reason: err.reason }, 'Craig fell back to templates');
    return fallback(ctx, brief, err, smsSegmentsOf);
  }
}

const WHY: Record<LanguageModelError['reason'], string> = {
  not_configured: 'no Anthropic API key is configured',
  timeout: 'Claude did not answer in time',
  failed: 'Claude could not be reached',
  invalid_output: 'Claude’s draft could not be used',
};

async function fallback(
  ctx: Pick<ServiceContext, 'orgId'>,
  brief: z.output<typeof CraigBriefSchema>,
  err: LanguageModelError,
  smsSegmentsOf: (t: string) => SegmentInfo,
): Promise<CraigDraft> {
  const picked = pickFallbackTemplates(await listTemplates(ctx), brief.goal);
  const email = picked.find((t) => t.channel === 'email');
  const sms = picked.filter((t) => t.channel === 'sms').slice(0, 3);
  const names = picked.map((t) => `“${t.name}”`).join(' and ');
  return {
    source: 'template_fallback',
    model: null,
    notice: `Craig could not write a fresh draft (${WHY[err.reason]}), so here ${picked.length === 1 ? 'is your template' : 'are your templates'} ${names || '(none found)'} to start from.`,
    subject: email?.subject ?? '',
    emailHtml: email?.body ?? '',
    smsVariants: sms.map((t) => ({ text: t.body, segments: smsSegmentsOf(t.body) })),
    flags: [],
    problems: [],
    fallbackTemplates: picked.map((t) => ({ id: t.id, name: t.name, channel: t.channel })),
  };
}

function systemPrompt(business: string, voice: string): string {
  return [
    `You are Craig, the marketing copywriter for ${business}, a licensed cannabis dispensary. You write short, warm, specific customer messages.`,
    'Hard rules (messages breaking them are thrown away):',
    '- The audience is adults 21 and over. Never mention or appeal to children, teens, students, school, cartoons, toys or candy.',
    '- Never make health or medical claims: no curing, treating, relieving, healing or preventing any condition, no "medical benefits", "clinically proven" or "FDA approved".',
    '- No promises about effects, no encouragement to overconsume, no claims of being safer than alcohol or medicine.',
    '- Email body: simple HTML using only <p>, <strong>, <em>, <ul>, <li>, <a href>, <br>. No <html>, <head>, styles or images; the footer with the address and unsubscribe link is added automatically.',
    '- SMS: plain text under 130 characters; the brand name and "Reply STOP to opt out" are added automatically, so do not add them.',
    '- Subject: under 60 characters.',
    `- You may personalise with these Liquid variables and no others: ${TEMPLATE_VARIABLES.filter((v) => v.always)
      .map((v) => `{{ ${v.path} }}`)
      .join(', ')}. Write {{ customer.first_name | default: "there" }} for the first name.`,
    voice ? `Brand voice, in the dispensary's words: ${voice}` : 'Brand voice: friendly, knowledgeable, never pushy.',
  ].join('\n');
}

function taskPrompt(b: z.output<typeof CraigBriefSchema>): string {
  return [
    `Goal: ${b.goal}`,
    b.audience ? `Audience: ${b.audience}` : null,
    b.tone ? `Tone: ${b.tone}` : null,
    b.offer ? `Offer: ${b.offer}` : 'Offer: none (do not invent discounts or codes).',
    `Write one email (subject and HTML body) and ${b.channel === 'email' ? 'one' : 'three'} SMS variant(s).`,
  ]
    .filter(Boolean)
    .join('\n');
}
