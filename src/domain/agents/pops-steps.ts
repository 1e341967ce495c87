import { z } from 'zod';
import { registerStepType } from '../playbooks/step-registry';

/**
 * Pops's playbook step (docs/agents.md, Pops). Declared here (pure), handled in
 * src/server/services/agents/pops-steps.ts; imported by src/domain/playbooks/steps.ts so every
 * parser of a playbook knows it. It emails last week's report to the dispensary's owners.
 */
registerStepType({
  action: 'pops_weekly_report',
  label: 'Pops emails the weekly report',
  description: 'Emails last week’s figures against the week before (sales, top sellers, segment moves, repeat purchases, cohorts) to the owners.',
  category: 'data',
  sideEffect: true,
  branches: [],
  fields: {
    /** Who receives it: the owners, or the owners and the admins. */
    recipients: z.enum(['owners', 'owners_admins']).default('owners'),
  },
});
