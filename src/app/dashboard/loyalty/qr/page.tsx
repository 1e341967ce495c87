import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { makeJoinQrCode } from '@/server/services/loyalty/join-qr-code';
import { JoinQrPoster } from '@/ui/features/loyalty/join-qr-poster';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Join QR code' };

export default async function JoinQrPage() {
  const ctx = await requirePageSession({ roles: rolesFor('loyalty:read') });
  const qr = await makeJoinQrCode(ctx);
  return (
    <>
      <PageHeader title="Join QR code" description="Put this by the counter: customers scan it with their phone camera to join your loyalty programme." />
      <JoinQrPoster qr={qr} />
    </>
  );
}
