import type { StoredSendSource } from '@/domain/messaging/send';
import type { SendSourceName } from '@/domain/messaging/send-source';
import type { Template } from '@/domain/messaging/template';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { customerNames } from './customer-names';
import { getSendOrThrow, listSends, type ListSendsQuery } from './list-sends';
import { sendSourceNames } from './send-source-names';

/** What the outbox shows instead of ids: customers, templates and sources by name. */
export interface OutboxNames {
  customers: Record<string, string>;
  /** By template id. */
  templates: Record<string, string>;
  /** By send id. */
  sources: Record<string, SendSourceName>;
}

/** The names for a page of sends, each kind read in one batch (never per row). */
export async function outboxNames(
  ctx: Pick<ServiceContext, 'orgId'>,
  sends: ReadonlyArray<{ id: string; customerId: string; templateId: string | null; source: StoredSendSource }>,
): Promise<OutboxNames> {
  const templateIds = [...new Set(sends.flatMap((s) => (s.templateId ? [s.templateId] : [])))];
  const db = tenantDb(ctx.orgId);
  const [customers, sources, templateSnaps] = await Promise.all([
    customerNames(
      ctx,
      sends.map((s) => s.customerId),
    ),
    sendSourceNames(ctx, sends),
    templateIds.length ? firestore().getAll(...templateIds.map((id) => db.templates.doc(id))) : Promise.resolve([]),
  ]);
  const templates: Record<string, string> = {};
  for (const s of templateSnaps) {
    const t = s.data() as Template | undefined;
    if (t) templates[s.id] = t.name;
  }
  return { customers, templates, sources };
}

/** A page of the outbox with its names: what GET /api/messages/sends answers. */
export async function listOutbox(ctx: Parameters<typeof listSends>[0], query: ListSendsQuery) {
  const page = await listSends(ctx, query);
  return { ...page, names: await outboxNames(ctx, page.sends) };
}

/** One send with its names. */
export async function getOutboxSend(ctx: Parameters<typeof getSendOrThrow>[0], id: string) {
  const send = await getSendOrThrow(ctx, id);
  return { send, names: await outboxNames(ctx, [send]) };
}
