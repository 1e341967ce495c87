import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { TemplateEditor } from '@/ui/features/messaging/template-editor';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'New template' };

export default async function NewTemplatePage({ searchParams }: { searchParams: Promise<{ channel?: string }> }) {
  await requirePageSession({ roles: rolesFor('messages:send') });
  const channel = (await searchParams).channel === 'sms' ? 'sms' : 'email';
  return (
    <>
      <PageHeader title="New template" />
      <TemplateEditor isNew initial={{ key: '', name: '', description: '', channel, kind: 'marketing', subject: channel === 'email' ? '' : null, body: '' }} />
    </>
  );
}
