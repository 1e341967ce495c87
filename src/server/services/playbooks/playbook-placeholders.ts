import { AppError } from '@/domain/errors';
import { findPlaceholders, placeholderMessage, type PlaceholderFound, type TemplateText } from '@/domain/playbooks/placeholders';
import { walkSteps, type Step } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

function templateIds(steps: Step[]): string[] {
  const ids = new Set<string>();
  for (const { step } of walkSteps(steps))
    if ((step.action === 'send_email' || step.action === 'send_sms') && typeof step.template === 'string') ids.add(step.template);
  return [...ids];
}

/** The placeholders a playbook's steps carry, and those of the templates its message steps send. */
export async function playbookPlaceholders(ctx: ServiceContext, steps: Step[], known?: ReadonlyMap<string, TemplateText>): Promise<PlaceholderFound[]> {
  const templates = new Map<string, TemplateText>();
  const missing = templateIds(steps).filter((id) => {
    const t = known?.get(id);
    if (t) templates.set(id, t);
    return !t;
  });
  const read = await Promise.all(missing.map((id) => tenantDb(ctx.orgId).templates.get(id)));
  for (const t of read) if (t) templates.set(t.id, { name: t.name, subject: t.subject, body: t.body });
  return findPlaceholders(steps, templates);
}

/** Every template of the tenant as placeholder checks read them, for checking many playbooks at once. */
export async function tenantTemplateTexts(ctx: ServiceContext): Promise<Map<string, TemplateText>> {
  const docs = (await tenantDb(ctx.orgId).templates.ref.get()).docs.map((d) => d.data());
  return new Map(docs.map((t) => [t.id, { name: t.name, subject: t.subject, body: t.body }]));
}

/** 422 naming the first step and value to replace; every one is in `details.issues` at its field's path. */
export function placeholderError(found: PlaceholderFound[], doing: 'activate' | 'save'): AppError {
  const first = placeholderMessage(found[0]!);
  const more = found.length > 1 ? ` (${found.length - 1} more example value${found.length > 2 ? 's' : ''} to replace)` : '';
  const lead = doing === 'activate' ? 'This playbook cannot be activated yet. ' : 'This playbook is active, so it cannot be saved with an example value. ';
  return new AppError('validation_failed', `${lead}${first}${more}`, {
    reason: 'placeholder',
    issues: found.map((p) => ({ path: p.path, message: placeholderMessage(p) })),
  });
}
