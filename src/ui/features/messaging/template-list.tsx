import Link from 'next/link';
import type { Template } from '@/domain/messaging/template';
import { Badge, EmptyState } from '@/ui/primitives/card';
import { Table, Td, Th } from '@/ui/primitives/table';

export function TemplateList({ templates, canEdit }: { templates: Template[]; canEdit: boolean }) {
  if (!templates.length) return <EmptyState title="No templates yet" />;
  return (
    <Table caption="Message templates">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Channel</Th>
          <Th>Kind</Th>
          <Th>Preview</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {templates.map((t) => (
          <tr key={t.id}>
            <Td className="font-medium">
              {canEdit ? (
                <Link href={`/dashboard/messages/templates/${t.id}`} className="text-brand-700 hover:underline">
                  {t.name}
                </Link>
              ) : (
                t.name
              )}
            </Td>
            <Td>
              <code className="text-xs">{t.id}</code>
            </Td>
            <Td>{t.channel === 'email' ? 'Email' : 'SMS'}</Td>
            <Td>
              <Badge tone={t.kind === 'marketing' ? 'blue' : 'slate'}>{t.kind}</Badge>
            </Td>
            <Td className="max-w-md truncate text-slate-600">{t.channel === 'email' ? t.subject : t.body}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
