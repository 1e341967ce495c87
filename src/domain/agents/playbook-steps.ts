import { z } from 'zod';
import { registerStepType } from '../playbooks/step-registry';

/** The most product cards one email carries: more is a catalogue, not a suggestion. */
export const MAX_STEP_RECOMMENDATIONS = 6;

/**
 * Smokey's playbook step (docs/agents.md). Declared here (pure), handled in
 * src/server/services/agents/playbook-steps.ts; imported by src/domain/playbooks/steps.ts so every
 * parser of a playbook knows it. It changes nothing: it puts the picks in the run for the next email.
 */
registerStepType({
  action: 'recommend_products',
  label: 'Smokey suggests products',
  description:
    'Picks in-stock products for this customer from what they buy; a later email lists them with {% for p in recommendations %}{{ p.name }}{% endfor %}.',
  category: 'ai',
  sideEffect: false,
  branches: [],
  fields: {
    limit: z
      .number({ error: 'Enter how many products to suggest' })
      .int('Whole products')
      .min(1, 'Suggest at least 1 product')
      .max(MAX_STEP_RECOMMENDATIONS, `Suggest at most ${MAX_STEP_RECOMMENDATIONS} products`)
      .default(3),
  },
});
