import { AggregateField } from 'firebase-admin/firestore';
import { z } from 'zod';
import { errors } from '@/domain/errors';
import {
  buildSuggestion,
  readySuggestions,
  SUGGESTION_KEYS,
  type BonusSuggestion,
  type ProgrammeFigures,
  type SuggestionKey,
} from '@/domain/loyalty/parker-suggestions';
import { MAX_AWARD_POINTS } from '@/domain/loyalty/playbook-steps';
import type { Playbook } from '@/domain/playbooks/playbook';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { countedToolUseModel } from '../analytics/count-ai-calls';
import { LanguageModelError } from '../craig/language-model';
import { createPlaybook } from '../playbooks/create-playbook';
import { loyaltyProgramme, type LoyaltyProgramme } from './loyalty-settings';
import { settingsView } from './parker-tools';
import type { ToolCallRecord, ToolUseModel } from './tool-use-model';

export interface BonusSuggestions {
  source: 'claude' | 'ready';
  model: string | null;
  notice: string | null;
  suggestions: BonusSuggestion[];
  toolCalls: ToolCallRecord[];
}

export const SuggestionKeySchema = z.enum(SUGGESTION_KEYS, { error: `Unknown suggestion; one of ${SUGGESTION_KEYS.join(', ')}` });
export const DraftSuggestionSchema = z.object({
  points: z
    .number({ error: 'points must be a number' })
    .int('Award whole points')
    .min(5, 'Award at least 5 points')
    .max(MAX_AWARD_POINTS, `Award at most ${MAX_AWARD_POINTS} points`)
    .optional(),
});

/** Every figure is a count or sum aggregation: the cost does not grow with customers or lines. */
async function programmeFigures(ctx: Pick<ServiceContext, 'orgId'>, programme: LoyaltyProgramme): Promise<ProgrammeFigures> {
  const tdb = tenantDb(ctx.orgId);
  const tiers = programme.settings.tiers.tiers;
  const [members, expiring, tierCounts] = await Promise.all([
    tdb.loyaltyAccounts.ref.count().get(),
    tdb.customers.ref
      .where('loyalty.expiringSoon', '>', 0)
      .aggregate({ customers: AggregateField.count(), points: AggregateField.sum('loyalty.expiringSoon') })
      .get(),
    Promise.all(tiers.map((t) => tdb.customers.ref.where('loyalty.tierId', '==', t.id).count().get())),
  ]);
  return {
    members: members.data().count,
    expiringCustomers: expiring.data().customers,
    expiringPoints: expiring.data().points ?? 0,
    tiers: tiers.map((t, i) => ({ name: t.name, customers: tierCounts[i]!.data().count })),
  };
}

const PickSchema = z.object({
  picks: z.array(z.object({ key: z.enum(SUGGESTION_KEYS), points: z.number().int().min(5).max(MAX_AWARD_POINTS), why: z.string().min(1).max(600) })).max(2),
});

/**
 * Mrs. Parker's bonus campaign suggestions for owners and admins. With a Claude key the model
 * reads the settings and the programme's figures through tools and picks among the campaigns the
 * step registry can run (award_points on loyalty.points_expiring or loyalty.tier_changed), with a
 * bonus size and its reasons; without one, the ready suggestions. Nothing is created here.
 */
export async function suggestBonusCampaign(ctx: ServiceContext, deps: { model?: ToolUseModel } = {}): Promise<BonusSuggestions> {
  const programme = await loyaltyProgramme(ctx);
  const figures = await programmeFigures(ctx, programme);
  const ready = readySuggestions(programme.settings, figures);
  const model = deps.model ?? (await countedToolUseModel(ctx, 'mrs_parker'));
  try {
    const out = await model.runTools({
      system: [
        'You are Mrs. Parker, the loyalty assistant of a licensed cannabis dispensary. Suggest bonus-points campaigns to the owner.',
        `The campaigns you can suggest: ${ready.map((s) => `${s.key} (${s.title})`).join(', ') || 'none'}.`,
        'Use the tools to read the programme settings and figures; base every reason on them. Never invent figures.',
        'Reply with JSON only: {"picks":[{"key":"<campaign>","points":<whole bonus points>,"why":"<two sentences>"}]}, best first.',
      ].join('\n'),
      prompt: 'Which bonus campaigns should we run, and how many bonus points?',
      tools: [
        {
          name: 'get_programme_settings',
          description: 'The loyalty programme’s rules, tiers and rewards.',
          input: z.object({}),
          run: async () => settingsView(programme.settings, true),
        },
        {
          name: 'get_programme_figures',
          description: 'Members, points expiring in the next 30 days, members per tier.',
          input: z.object({}),
          run: async () => figures,
        },
      ],
      maxTurns: 3,
      maxTokens: 700,
    });
    const picks = PickSchema.safeParse(jsonIn(out.text));
    if (!picks.success) throw new LanguageModelError('invalid_output', 'The suggestions could not be read.');
    const suggestions = picks.data.picks.flatMap((p) => {
      const s = buildSuggestion(p.key, programme.settings, figures, p.points);
      return s ? [{ ...s, why: p.why }] : [];
    });
    if (!suggestions.length) throw new LanguageModelError('invalid_output', 'No usable suggestion.');
    return { source: 'claude', model: out.model, notice: null, suggestions, toolCalls: out.calls };
  } catch (err) {
    if (!(err instanceof LanguageModelError)) throw err;
    const why = err.reason === 'not_configured' ? 'AI suggestions need a Claude key' : 'Claude could not suggest this time';
    return { source: 'ready', model: null, notice: `Ready suggestions from the programme’s figures (${why}).`, suggestions: ready, toolCalls: [] };
  }
}

function jsonIn(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  try {
    return JSON.parse(text.slice(start, end + 1)) as unknown;
  } catch {
    return null;
  }
}

/** Creates the suggestion as a DRAFT playbook (never active): someone reviews it and activates it. */
export async function draftBonusCampaign(ctx: ServiceContext, key: SuggestionKey, input: z.input<typeof DraftSuggestionSchema>): Promise<Playbook> {
  const { points } = DraftSuggestionSchema.parse(input);
  const programme = await loyaltyProgramme(ctx);
  const figures = await programmeFigures(ctx, programme);
  const s = buildSuggestion(key, programme.settings, figures, points);
  if (!s) throw errors.conflict('This suggestion does not fit the programme’s settings (no expiry, or a single tier).');
  return createPlaybook(ctx, s.playbook);
}
