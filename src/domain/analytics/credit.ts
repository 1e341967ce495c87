import type { Agent } from './rollup';

/**
 * What a playbook message is credited to besides its playbook and step (docs/analytics.md, Agents):
 * the A/B variant the run landed in, and the agent whose work it carries. Smokey when the run holds
 * his picks, Mrs. Parker when a loyalty event started it, Craig (who writes and sends) otherwise.
 */
export function runCredit(run: { context: { event: Record<string, unknown> | null; vars: Record<string, unknown> } }): { variant?: string; agent: Agent } {
  const out: { variant?: string; agent: Agent } = { agent: 'craig' };
  for (const [k, v] of Object.entries(run.context.vars))
    if (k.startsWith('split_') && typeof v === 'string' && v !== 'holdout') {
      out.variant = v;
      break;
    }
  const eventName = typeof run.context.event?.name === 'string' ? run.context.event.name : '';
  if (Array.isArray(run.context.vars.recommendations)) out.agent = 'smokey';
  else if (eventName.startsWith('loyalty.')) out.agent = 'mrs_parker';
  return out;
}
