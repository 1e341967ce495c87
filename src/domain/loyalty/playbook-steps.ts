import { z } from 'zod';
import { registerStepType } from '../playbooks/step-registry';

/** The most one step may award: a typo of a few zeros should not mint a fortune. */
export const MAX_AWARD_POINTS = 100_000;

/**
 * Loyalty steps for playbooks. Declared here (pure), handled in
 * src/server/services/loyalty/playbook-steps.ts; imported by src/domain/playbooks/steps.ts so
 * every parser of a playbook knows them.
 */
registerStepType({
  action: 'award_points',
  label: 'Award bonus points',
  description: "Adds bonus points to the customer's balance, once per run; the reason shows in their points history.",
  category: 'loyalty',
  sideEffect: true,
  // The next message's {{ loyalty.points }} must show the new balance.
  refreshesProfile: true,
  branches: [],
  fields: {
    points: z
      .number({ error: 'Enter how many points to award' })
      .int('Award whole points')
      .min(1, 'Award at least 1 point')
      .max(MAX_AWARD_POINTS, `Award at most ${MAX_AWARD_POINTS.toLocaleString('en-US')} points in one step`),
    reason: z.string().trim().max(200).optional(),
  },
});

/** A coupon the step defines itself, instead of one of the programme's rewards. */
export const StepOfferSchema = z.object({
  valueCents: z.number().int().min(1, 'A coupon is worth at least 1 cent').max(1_000_000, 'A coupon is worth at most $10,000'),
  description: z.string().trim().min(1, 'Describe the offer (the customer reads it)').max(120),
});

registerStepType({
  action: 'issue_coupon',
  label: 'Give a coupon',
  description:
    'Issues a single-use coupon (a programme reward, or a dollar value you set) without spending points; later messages show it as {{ offer.code }}.',
  category: 'loyalty',
  sideEffect: true,
  branches: [],
  fields: {
    rewardId: z.string().trim().min(1).max(40).optional(),
    offer: StepOfferSchema.optional(),
    validDays: z.number().int('Whole days').min(1, 'Valid for at least 1 day').max(365, 'Valid for at most 365 days').default(30),
  },
  refine: (s) =>
    (s.rewardId ? 1 : 0) + (s.offer ? 1 : 0) === 1 ? [] : [{ path: 'rewardId', message: 'Choose one of the programme’s rewards, or set a value of your own' }],
});
