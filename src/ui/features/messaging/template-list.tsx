import Link from 'next/link';
import type { Template } from '@/domain/messaging/template';
import { templateExample } from '@/domain/messaging/template-needs';
import { Badge } from '@/ui/primitives/badge';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';

/**
 * The templates, each shown as a sample customer would read it (plain text, never its Liquid), with
 * a label saying the customer and any cart, order or offer in it are made up.
 */
export function TemplateList({ templates, canEdit }: { templates: Template[]; canEdit: boolean }) {
  if (!templates.length) return <EmptyState title="No templates yet" />;
  const rows = templates.map((t) => ({ ...t, example: templateExample(t) }));
  return (
    <DataTable
      caption="Message templates, each shown for a sample customer"
      rows={rows}
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
          key: 'example',
          header: 'Example',
          hideBelow: 'md',
          className: 'max-w-md text-slate-700',
          cell: ({ example: ex }) =>
            'error' in ex ? (
              <span className="text-red-800">Cannot be shown: {ex.error}</span>
            ) : (
              <div data-testid="template-example">
                {ex.subject ? <span className="block font-medium">{ex.subject}</span> : null}
                <span className="line-clamp-2">{ex.text}</span>
                <span className="mt-1 block text-xs italic text-slate-600">{ex.example}</span>
              </div>
            ),
        },
      ]}
    />
  );
}
