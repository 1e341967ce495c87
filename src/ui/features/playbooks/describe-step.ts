import { capitalise, describeCondition } from '@/domain/playbooks/describe-condition';
import { describeDuration } from '@/domain/playbooks/duration';
import { stepType, type Step } from '@/domain/playbooks/steps';
import { eventPhrase } from './describe-trigger';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const quote = (s: string, max = 48) => `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;

function messageSummary(step: Step, what: string): string {
  if (step.useComposed) return `${what}: the copy Craig wrote`;
  if (str(step.template)) return `${what}: template ${str(step.template)}`;
  if (str(step.subject)) return `${what} ${quote(str(step.subject))}`;
  if (str(step.body))
    return `${what} ${quote(
      str(step.body)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )}`;
  return `${what} (no content yet)`;
}

/** The percentage each arm of an A/B split receives, holdout included. */
export function splitShares(
  variants: Array<{ name: string; weight?: number }>,
  holdoutPercent: number,
): Array<{ name: string; percent: number; holdout: boolean }> {
  const holdout = Math.min(50, Math.max(0, holdoutPercent || 0));
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight ?? 0), 0);
  const arms = variants.map((v) => ({ name: v.name, percent: total ? ((100 - holdout) * Math.max(0, v.weight ?? 0)) / total : 0, holdout: false }));
  return holdout ? [...arms, { name: 'Holdout', percent: holdout, holdout: true }] : arms;
}

export function formatPercent(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

/** One line saying what a step does, for the flow drawing, the step header and the text alternative. */
export function describeStep(step: Step): string {
  switch (step.action) {
    case 'send_email':
      return messageSummary(step, 'Email');
    case 'send_sms':
      return messageSummary(step, 'Text');
    case 'notify_staff':
      return `Notify staff: ${quote(str(step.title) || '…')}`;
    case 'create_task':
      return `Task for ${str(step.assignRole) || 'admin'}s: ${quote(str(step.title) || '…')}${step.dueIn ? `, due in ${describeDuration(str(step.dueIn))}` : ''}`;
    case 'add_tag':
      return `Add tag ${quote(str(step.tag) || '…')}`;
    case 'remove_tag':
      return `Remove tag ${quote(str(step.tag) || '…')}`;
    case 'wait':
      if (step.duration) return `Wait ${describeDuration(str(step.duration))}`;
      if (step.untilTime) return `Wait until ${str(step.untilTime)} (customer's time)`;
      if (step.untilDate === 'birthday') return `Wait until their next birthday, ${str(step.atTime) || '10:00'}`;
      return 'Wait';
    case 'wait_for_event':
      return `Wait up to ${step.timeout ? describeDuration(str(step.timeout)) : '…'} for: ${eventPhrase(str(step.eventName)).replace(/^When /, '')}${
        str(step.filter).trim() ? `, ${describeCondition(str(step.filter), { eventName: str(step.eventName) })}` : ''
      }`;
    case 'condition':
      return `If ${str(step.if).trim() ? describeCondition(str(step.if)) : '…'}`;
    case 'ab_split': {
      const shares = splitShares((step.variants as Array<{ name: string; weight?: number }>) ?? [], Number(step.holdoutPercent ?? 0));
      return `A/B split: ${shares.map((s) => `${s.name} ${formatPercent(s.percent)}`).join(', ')}`;
    }
    case 'ai_compose':
      return `Craig writes the ${str(step.channel) === 'sms' ? 'text' : 'email'}: ${quote(str((step.brief as { goal?: string } | undefined)?.goal) || '…')}`;
    case 'ai_condition':
      return `Ask Claude: ${quote(str(step.question) || '…')}`;
    case 'webhook': {
      let host = str(step.url);
      try {
        host = new URL(host).host;
      } catch {
        /* shown as typed */
      }
      return `POST to ${host || '…'}`;
    }
    case 'award_points': {
      const points = Number(step.points);
      const what = Number.isFinite(points) && points > 0 ? `${points.toLocaleString('en-US')} bonus ${points === 1 ? 'point' : 'points'}` : 'bonus points';
      return `Award ${what}${str(step.reason).trim() ? ` (${quote(str(step.reason).trim())})` : ''}`;
    }
    case 'issue_coupon': {
      const offer = step.offer as { description?: string } | undefined;
      const what = str(step.rewardId) ? `the reward ${quote(str(step.rewardId))}` : offer?.description ? quote(offer.description) : '…';
      return `Give a coupon: ${what}, valid ${Number(step.validDays ?? 30)} days`;
    }
    case 'staff_report':
      return `Top sellers report, last ${Number(step.periodDays ?? 7)} days`;
    case 'pops_weekly_report':
      return `Pops emails last week’s report to the ${step.recipients === 'owners_admins' ? 'owners and admins' : 'owners'}`;
    case 'recommend_products':
      return `Smokey suggests up to ${Number(step.limit ?? 3)} in-stock products for the next email`;
    default:
      return step.action;
  }
}

/** The display names of a step's branches, in order. */
export function branchLabel(action: string, branch: string): string {
  if (branch === 'then') return action === 'ai_condition' ? 'Yes' : 'Then';
  if (branch === 'else') return action === 'ai_condition' ? 'No' : 'Else';
  if (branch === 'onEvent') return 'If it arrives';
  if (branch === 'onTimeout') return 'If it times out';
  if (branch.startsWith('variant:')) return `Variant ${branch.slice(8)}`;
  return branch;
}

/** Branch fields by step type, for steps the catalogue has not described. */
export const KNOWN_BRANCHES: Record<string, string[]> = {
  condition: ['then', 'else'],
  ai_condition: ['then', 'else'],
  wait_for_event: ['onEvent', 'onTimeout'],
};

export interface Branch {
  key: string;
  label: string;
  steps: Step[];
}

/** A step's branches in display order, A/B variants (with their shares) and holdout included. */
export function branchesForDrawing(step: Step, declared: string[] | undefined): Branch[] {
  if (step.action === 'ab_split') {
    const variants = (step.variants as Array<{ name: string; weight?: number; steps?: Step[] }>) ?? [];
    const shares = splitShares(variants, Number(step.holdoutPercent ?? 0));
    return shares.map((s, i) => ({
      key: s.holdout ? 'holdout' : `variant:${s.name}:${i}`,
      label: s.holdout ? `Holdout ${formatPercent(s.percent)}: nothing` : `${s.name} · ${formatPercent(s.percent)}`,
      steps: s.holdout ? [] : (variants[i]?.steps ?? []),
    }));
  }
  return (declared ?? KNOWN_BRANCHES[step.action] ?? []).map((b) => ({
    key: b,
    label: branchLabel(step.action, b),
    steps: (step[b] as Step[] | undefined) ?? [],
  }));
}

/**
 * A condition step's log line ("order.totalCents > 0 → yes", as the engine records what it
 * evaluated) in words, with the expression kept for "Show expression". Other details pass through.
 */
export function stepDetailWords(action: string, detail: string): { words: string; expression: string | null } {
  const m = action === 'condition' ? /^([\s\S]+) → (yes|no)$/.exec(detail) : null;
  if (!m) return { words: detail, expression: null };
  return { words: `${capitalise(describeCondition(m[1]!))}: ${m[2]}`, expression: m[1]! };
}

/** A step type as the builder names it ("Send email"), never its code (`send_email`). */
export function stepTypeName(action: string): string {
  return stepType(action)?.label ?? action.replace(/_/g, ' ');
}
