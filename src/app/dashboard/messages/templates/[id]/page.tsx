import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppError } from '@/domain/errors';
import { TemplateKeySchema } from '@/domain/messaging/template';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getTemplateOrThrow } from '@/server/services/messaging/manage-templates';
import { TemplateEditor } from '@/ui/features/messaging/template-editor';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Template' };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('messages:send') });
  const { id } = await params;
  if (!TemplateKeySchema.safeParse(id).success) notFound();
  const t = await getTemplateOrThrow(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/messages" className="text-brand-700 hover:underline">
          ← Templates
        </Link>
      </p>
      <PageHeader title={t.name} description={t.description || undefined} />
      <TemplateEditor
        isNew={false}
        initial={{
          key: t.id,
          name: t.name,
          description: t.description,
          channel: t.channel,
          kind: t.kind,
          subject: t.subject,
          body: t.body,
          builtIn: t.builtIn,
        }}
      />
    </>
  );
}
