import Link from 'next/link';
import type { Template } from '@/domain/messaging/template';
import { Badge } from '@/ui/primitives/badge';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';

export function TemplateList({ templates, canEdit }: { templates: Template[]; canEdit: boolean }) {
  if (!templates.length) return <EmptyState title="No templates yet" />;
  return (
    <DataTable
      caption="Message templates"
      rows={templates}
      rowKey={(t) => t.id}
      columns={[
        {
          key: 'name',
          header: 'Name',
          primary: true,
          className: 'font-medium',
          cell: (t) =>
            canEdit ? (
              <Link href={`/dashboard/messages/templates/${t.id}`} className="text-brand-700 hover:underline">
                {t.name}
              </Link>
            ) : (
              t.name
            ),
        },
        { key: 'key', header: 'Key', hideBelow: 'lg', cell: (t) => <code className="wrap-anywhere text-xs">{t.id}</code> },
        { key: 'channel', header: 'Channel', nowrap: true, cell: (t) => (t.channel === 'email' ? 'Email' : 'SMS') },
        { key: 'kind', header: 'Kind', cell: (t) => <Badge tone={t.kind === 'marketing' ? 'info' : 'neutral'}>{t.kind}</Badge> },
        {
          key: 'preview',
          header: 'Preview',
          hideBelow: 'md',
          className: 'max-w-md text-slate-600',
          cell: (t) => <span className="line-clamp-2">{t.channel === 'email' ? t.subject : t.body}</span>,
        },
      ]}
    />
  );
}
