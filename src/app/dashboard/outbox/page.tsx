import type { Metadata } from 'next';
import { AppError } from '@/domain/errors';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { outboxNames } from '@/server/services/messaging/outbox-names';
import { getMessagingSettings } from '@/server/services/messaging/messaging-settings';
import { ListSendsQuerySchema, getSendOrThrow, listSends } from '@/server/services/messaging/list-sends';
import { OutboxFilters, OutboxTable } from '@/ui/features/messaging/outbox';
import { SendDetail } from '@/ui/features/messaging/send-detail';
import { EmptyState, PageHeader } from '@/ui/primitives/card';
import { ResultsSummary } from '@/ui/primitives/results-summary';

export const metadata: Metadata = { title: 'Outbox' };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageSession({ roles: rolesFor('messages:read') });
  const raw = await searchParams;
  const parsed = ListSendsQuerySchema.safeParse({ status: raw.status || undefined, channel: raw.channel || undefined, cursor: raw.cursor || undefined });
  const query = parsed.success ? parsed.data : ListSendsQuerySchema.parse({});
  const [page, settings] = await Promise.all([
    listSends(ctx, query).catch((err: unknown) => {
      if (err instanceof AppError) return listSends(ctx, { ...query, cursor: undefined });
      throw err;
    }),
    getMessagingSettings(ctx),
  ]);
  const selectedId = raw.id ?? page.sends[0]?.id ?? null;
  const selected = selectedId ? (page.sends.find((s) => s.id === selectedId) ?? (await getSendOrThrow(ctx, selectedId).catch(() => null))) : null;
  const names = await outboxNames(ctx, selected && !page.sends.includes(selected) ? [...page.sends, selected] : page.sends);
  const links = { playbooks: can(ctx.actor.role, 'playbooks:read'), templates: can(ctx.actor.role, 'messages:send') };
  return (
    <>
      <PageHeader title="Outbox" description="Every message BakedBot sent, deferred or held back, exactly as the customer sees it, and why." />
      <OutboxFilters query={{ status: query.status, channel: query.channel }} />
      <ResultsSummary
        className="mt-4 text-sm font-medium text-slate-700"
        count={page.sends.length}
        more={Boolean(page.nextCursor)}
        noun={{ one: 'message', many: 'messages' }}
        resultsKey={`${query.status ?? ''}|${query.channel ?? ''}|${query.cursor ?? ''}`}
        searched={['status', 'channel', 'cursor'].some((k) => k in raw)}
      />
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <OutboxTable
          sends={page.sends}
          names={names}
          links={links}
          selectedId={selected?.id ?? null}
          query={{ status: query.status, channel: query.channel }}
          nextCursor={page.nextCursor}
        />
        <div>
          {selected ? (
            <SendDetail send={selected} names={names} links={links} from={`${settings.sender.fromName} <${settings.sender.fromEmail}>`} />
          ) : (
            <EmptyState title="Pick a message to see it as the customer does" />
          )}
        </div>
      </div>
    </>
  );
}
