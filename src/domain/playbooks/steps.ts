import { z } from 'zod';
import { RoleSchema } from '../roles';
import { DurationSchema } from './duration';
import { registerStepType, stepList, type Step } from './step-registry';

const Liquid = z.string().max(20_000);
/** Unset: the template's own kind (a thank-you template is transactional); written copy is marketing. */
const MessageKind = z.enum(['marketing', 'transactional']).optional();
/** Extra template values a step supplies, such as an offer or the review link. */
const StepVariables = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case names'),
    z.union([z.string().max(500), z.number(), z.record(z.string(), z.union([z.string().max(500), z.number()]))]),
  )
  .default({});

function needsContent(step: Step, channel: 'email' | 'sms') {
  const hasTemplate = typeof step.template === 'string' && step.template.length > 0;
  const hasBody = typeof step.body === 'string' && step.body.length > 0;
  const composed = step.useComposed === true;
  const issues: Array<{ path: string; message: string }> = [];
  // Craig's copy is never guaranteed (no key, a timeout, refused content): a composed send falls back to the template or the written copy.
  if (!hasTemplate && !hasBody && composed)
    issues.push({
      path: 'template',
      message: `Choose a fallback template for when Craig is unavailable (or write the ${channel === 'email' ? 'email' : 'text'} here)`,
    });
  else if (!hasTemplate && !hasBody)
    issues.push({
      path: 'template',
      message: `Choose a template, write the ${channel === 'email' ? 'email' : 'text'}, or use the copy from an AI compose step`,
    });
  if (channel === 'email' && hasBody && !hasTemplate && !step.subject) issues.push({ path: 'subject', message: 'An email needs a subject' });
  return issues;
}

registerStepType({
  action: 'send_email',
  label: 'Send email',
  description: 'Email the customer through the messaging gate (consent, quiet hours, caps).',
  category: 'message',
  sideEffect: true,
  liquidFields: ['subject', 'body'],
  branches: [],
  fields: {
    template: z.string().trim().max(120).optional(),
    subject: Liquid.max(300).optional(),
    body: Liquid.optional(),
    to: z.string().max(200).default('{{customer.email}}'),
    kind: MessageKind,
    useComposed: z.boolean().optional(),
    variables: StepVariables,
  },
  refine: (s) => [
    ...needsContent(s, 'email'),
    ...(s.to !== undefined && s.to !== '{{customer.email}}' && s.to !== '{{ customer.email }}'
      ? [{ path: 'to', message: 'Playbook emails go to the customer ({{customer.email}}); use notify_staff to reach staff' }]
      : []),
  ],
});

registerStepType({
  action: 'send_sms',
  label: 'Send SMS',
  description: 'Text the customer through the messaging gate; needs their SMS opt-in.',
  category: 'message',
  sideEffect: true,
  liquidFields: ['body'],
  branches: [],
  fields: {
    template: z.string().trim().max(120).optional(),
    body: Liquid.max(1600).optional(),
    kind: MessageKind,
    useComposed: z.boolean().optional(),
    variables: StepVariables,
  },
  refine: (s) => needsContent(s, 'sms'),
});

registerStepType({
  action: 'notify_staff',
  label: 'Notify staff',
  description: 'A dashboard notification for the dispensary staff.',
  category: 'message',
  sideEffect: true,
  liquidFields: ['title', 'message'],
  branches: [],
  fields: {
    title: z.string().trim().min(1).max(120),
    message: Liquid.max(2000).default(''),
    severity: z.enum(['info', 'warning', 'critical']).default('info'),
  },
});

registerStepType({
  action: 'create_task',
  label: 'Create task',
  description: 'A to-do for staff with a due date, e.g. "call this VIP".',
  category: 'data',
  sideEffect: true,
  liquidFields: ['title', 'description'],
  branches: [],
  fields: {
    title: Liquid.min(1).max(200),
    description: Liquid.max(2000).default(''),
    dueIn: DurationSchema.default('1d'),
    assignRole: RoleSchema.default('admin'),
  },
});

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\w -]+$/, 'Tags use letters, digits, spaces, _ and -');
registerStepType({
  action: 'add_tag',
  label: 'Add tag',
  description: 'Tag the customer.',
  category: 'data',
  sideEffect: true,
  branches: [],
  fields: { tag: Tag },
});
registerStepType({
  action: 'remove_tag',
  label: 'Remove tag',
  description: 'Remove a tag from the customer.',
  category: 'data',
  sideEffect: true,
  branches: [],
  fields: { tag: Tag },
});

registerStepType({
  action: 'wait',
  label: 'Wait',
  description: 'Pause for a duration, until a local time of day, or until a date on the profile.',
  category: 'flow',
  sideEffect: false,
  branches: [],
  fields: {
    duration: DurationSchema.optional(),
    untilTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM')
      .optional(),
    untilDate: z.enum(['birthday']).optional(),
    atTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM')
      .default('10:00'),
  },
  refine: (s) => {
    const set = ['duration', 'untilTime', 'untilDate'].filter((k) => s[k] !== undefined);
    return set.length === 1 ? [] : [{ path: 'duration', message: 'Set exactly one of: a duration, a time of day, or a date on the profile' }];
  },
});

registerStepType({
  action: 'wait_for_event',
  label: 'Wait for event',
  description: 'Wait for an event on the same run key (e.g. the order for this checkout), with a timeout.',
  category: 'flow',
  sideEffect: false,
  branches: ['onEvent', 'onTimeout'],
  fields: {
    eventName: z.string().min(1),
    timeout: DurationSchema,
    filter: z.string().max(2000).optional(),
    /** Which key the awaited event must share with the triggering one; defaults to the run key. */
    matchOn: z.enum(['orderId', 'customerId', 'checkoutToken', 'productId']).optional(),
    onEvent: stepList().default([]),
    onTimeout: stepList().default([]),
  },
});

registerStepType({
  action: 'condition',
  label: 'If / else',
  description: 'Branch on a condition such as order.total >= 100.',
  category: 'flow',
  sideEffect: false,
  branches: ['then', 'else'],
  fields: { if: z.string().trim().min(1).max(2000), then: stepList().default([]), else: stepList().default([]) },
});

const VariantSchema = z.object({
  name: z.string().trim().min(1).max(40),
  weight: z.number().int().min(1).max(100),
  steps: stepList().default([]),
});

registerStepType({
  action: 'ab_split',
  label: 'A/B split',
  description: 'Split customers deterministically by weight; an optional holdout receives nothing, for measuring lift.',
  category: 'flow',
  sideEffect: false,
  branches: [],
  dynamicBranches: (s) => Object.fromEntries(((s.variants as Array<{ name: string; steps: Step[] }>) ?? []).map((v) => [`variant:${v.name}`, v.steps])),
  fields: {
    variants: z.array(VariantSchema).min(1).max(5),
    holdoutPercent: z.number().int().min(0).max(50).default(0),
  },
  refine: (s) => {
    const variants = (s.variants as Array<{ name: string; weight: number }>) ?? [];
    const names = new Set(variants.map((v) => v.name));
    const issues: Array<{ path: string; message: string }> = [];
    if (names.size !== variants.length) issues.push({ path: 'variants', message: 'Variant names must differ' });
    // Results name the held-out group "holdout"; a variant of that name could not be told apart.
    if ([...names].some((n) => n.trim().toLowerCase() === 'holdout'))
      issues.push({ path: 'variants', message: 'Call the variant something other than "holdout"' });
    return issues;
  },
});

const BriefSchema = z.object({
  goal: z.string().trim().min(1).max(300),
  audience: z.string().trim().max(200).optional(),
  tone: z.string().trim().max(100).optional(),
  offer: z.string().trim().max(200).optional(),
});

registerStepType({
  action: 'ai_compose',
  label: 'Craig writes the copy',
  description: 'Craig drafts the next message from a brief; falls back to the template when the AI is unavailable.',
  category: 'ai',
  sideEffect: false,
  branches: [],
  fields: { channel: z.enum(['email', 'sms']), brief: BriefSchema },
});

registerStepType({
  action: 'ai_condition',
  label: 'Ask Claude (yes/no)',
  description: 'A yes/no question about the customer and event, answered by Claude, with a declared branch if it cannot answer.',
  category: 'ai',
  sideEffect: false,
  branches: ['then', 'else'],
  fields: {
    question: z.string().trim().min(5).max(500),
    whenUnavailable: z.enum(['then', 'else']).default('else'),
    timeoutMs: z.number().int().min(500).max(20_000).default(5_000),
    then: stepList().default([]),
    else: stepList().default([]),
  },
});

registerStepType({
  action: 'webhook',
  label: 'Call a webhook',
  description: 'POST the run to an HTTPS endpoint, signed with the Standard Webhooks scheme.',
  category: 'integration',
  sideEffect: true,
  branches: [],
  fields: {
    // https is required in production (checked when the playbook is saved); tests receive on local http.
    url: z.url({ protocol: /^https?$/, error: 'Use an https:// URL' }).max(2000),
    eventType: z.string().trim().min(1).max(80).default('playbook.step'),
  },
});

registerStepType({
  action: 'staff_report',
  label: 'Report to staff',
  description: "Pops's report (top sellers over a period) as a dashboard notification for the team.",
  category: 'data',
  sideEffect: true,
  branches: [],
  fields: {
    report: z.enum(['top_sellers']).default('top_sellers'),
    periodDays: z.number().int().min(1).max(90).default(7),
    limit: z.number().int().min(3).max(25).default(10),
  },
});

// Later features' steps: imported here so every parser of a playbook (API, builder, executor) knows them.
import '../loyalty/playbook-steps';
import '../agents/playbook-steps';
import '../agents/pops-steps';

export { StepSchema, branchesOf, stepType, stepTypes, walkSteps, type Step } from './step-registry';
