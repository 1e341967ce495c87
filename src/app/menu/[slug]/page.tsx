import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppError } from '@/domain/errors';
import { getPublicMenu } from '@/server/services/loyalty/get-public-menu';
import { PublicMenuView } from '@/ui/features/loyalty/public/public-menu-view';

export const metadata: Metadata = { title: 'Menu' };

// GET /menu/{slug}: the public menu; an unknown slug is the ordinary 404 page
export default async function PublicMenuPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const menu = await getPublicMenu(slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  return <PublicMenuView menu={menu} />;
}
