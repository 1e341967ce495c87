import type { SendPreview } from '@/domain/messaging/preview';
import { describeExample } from '@/domain/messaging/template-needs';
import { SendMessageInputSchema, type SendMessageInput } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { decide } from './build-send';
import { sendIdFor } from './message-tokens';
import { prepareMessage } from './prepare-message';

export type { SendPreview } from '@/domain/messaging/preview';

export type PreviewInput = Omit<SendMessageInput, 'idempotencyKey' | 'source'> & {
  idempotencyKey?: string;
  source?: SendMessageInput['source'];
  /** Fill what the caller did not give with sample values, labelled as an example (the default); off, the preview is as strict as the send. */
  sampleMissing?: boolean;
};

/**
 * Evaluates the gate and renders the message without sending or recording anything: the
 * playbook dry run, the template preview and the "Send message" dialog all use it.
 */
export async function previewSend(
  ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'renderBudget'>,
  { sampleMissing, ...raw }: PreviewInput,
): Promise<SendPreview> {
  const input = SendMessageInputSchema.parse({ idempotencyKey: 'preview', source: { type: 'manual', actorUid: 'preview' }, ...raw });
  const sendId = sendIdFor(`preview:${input.idempotencyKey}`);
  const prepared = await prepareMessage(ctx, input, { sendId, purpose: 'message', mode: 'preview', sampleMissing });
  const caps = prepared.kind === 'marketing' ? await tenantDb(ctx.orgId).messageCaps.get(prepared.customer.id) : null;
  const decision = decide(prepared, input, prepared.customer, 'message', caps, ctx.clock.now());
  const { links, ...message } = prepared.message;
  return {
    decision,
    message,
    links,
    to: decision.outcome === 'skip' ? null : input.channel === 'email' ? prepared.customer.email : prepared.customer.phone,
    kind: prepared.kind,
    templateId: prepared.templateId,
    sampled: prepared.sampled,
    example: describeExample({ sampleCustomer: false, groups: prepared.sampled }),
  };
}
