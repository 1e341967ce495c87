import { AppError, errors } from '@/domain/errors';
import { describeViolations, findContentViolations } from '@/domain/messaging/content-rules';
import { composeMessage } from '@/domain/messaging/compose-message';
import {
  CreateTemplateInputSchema,
  UpdateTemplateInputSchema,
  type CreateTemplateInput,
  type Template,
  type UpdateTemplateInput,
} from '@/domain/messaging/template';
import { renderLiquid, validateTemplateSource } from '@/domain/messaging/template-engine';
import { sampleContext } from '@/domain/messaging/template-variables';
import type { RenderBudget } from '@/domain/messaging/render-budget';
import type { SegmentInfo } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { getMessagingSettings } from './messaging-settings';

export async function listTemplates(ctx: Pick<ServiceContext, 'orgId'>): Promise<Template[]> {
  const snap = await tenantDb(ctx.orgId).templates.ref.orderBy('name').get();
  return snap.docs.map((d) => d.data());
}

/** By id or key: they are the same slug. */
export function getTemplateOrThrow(ctx: Pick<ServiceContext, 'orgId'>, idOrKey: string): Promise<Template> {
  return tenantDb(ctx.orgId).templates.getOrThrow(idOrKey);
}

/**
 * Everything wrong with a template, as field issues: unknown variables or filters, broken Liquid,
 * and content rules (no health claims, nothing aimed at minors).
 */
export function templateProblems(t: { channel: 'email' | 'sms'; subject: string | null; body: string }, budget?: RenderBudget) {
  const issues = validateTemplateSource(t, budget);
  const violations = findContentViolations(`${t.subject ?? ''}\n${t.body}`);
  if (violations.length) issues.push({ path: 'body', message: `Not allowed in cannabis marketing: ${describeViolations(violations)}.` });
  return issues;
}

function assertValid(t: { channel: 'email' | 'sms'; subject: string | null; body: string }, budget?: RenderBudget) {
  const issues = templateProblems(t, budget);
  if (issues.length) throw new AppError('validation_failed', issues[0]!.message, { issues });
}

/** The SMS as sent with sample values (brand and opt-out line included), for the segment count. */
export async function sampleSegments(
  ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'renderBudget'>,
  t: { channel: 'email' | 'sms'; kind: 'marketing' | 'transactional'; body: string },
): Promise<SegmentInfo | null> {
  if (t.channel !== 'sms') return null;
  const settings = await getMessagingSettings(ctx);
  const body = renderLiquid(t.body, sampleContext(), 'text', 'body', ctx.renderBudget);
  return composeMessage({
    channel: 'sms',
    kind: t.kind,
    purpose: 'message',
    subject: null,
    body,
    settings,
    tracking: { baseUrl: 'https://bkdb.io', trackToken: 'xxxxxxxxxxxx' },
    unsubscribe: null,
  }).segments;
}

export async function createTemplate(ctx: ServiceContext, input: CreateTemplateInput): Promise<Template> {
  const { key, ...fields } = CreateTemplateInputSchema.parse(input);
  assertValid(fields, ctx.renderBudget);
  const now = ctx.clock.now();
  try {
    return await tenantDb(ctx.orgId).templates.create({
      ...fields,
      subject: fields.channel === 'email' ? fields.subject : null,
      id: key,
      builtIn: false,
      createdAt: now,
      updatedAt: now,
      updatedBy: ctx.actor.uid,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      throw errors.conflict(`A template with the key "${key}" already exists.`, { issues: [{ path: 'key', message: 'This key is taken' }] });
    throw err;
  }
}

export async function updateTemplate(ctx: ServiceContext, id: string, input: UpdateTemplateInput): Promise<Template> {
  const fields = UpdateTemplateInputSchema.parse(input);
  assertValid(fields, ctx.renderBudget);
  const existing = await getTemplateOrThrow(ctx, id);
  return tenantDb(ctx.orgId).templates.set({
    ...existing,
    ...fields,
    subject: fields.channel === 'email' ? fields.subject : null,
    updatedAt: ctx.clock.now(),
    updatedBy: ctx.actor.uid,
  });
}

/** Built-in templates can be edited but not deleted: playbooks refer to them by key. */
export async function deleteTemplate(ctx: ServiceContext, id: string): Promise<void> {
  const existing = await getTemplateOrThrow(ctx, id);
  if (existing.builtIn) throw errors.conflict('Built-in templates can be edited but not deleted: playbooks refer to them by key.');
  await tenantDb(ctx.orgId).templates.ref.doc(id).delete();
}
