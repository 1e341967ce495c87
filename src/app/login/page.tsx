import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/domain/safe-next';
import { config } from '@/server/config';
import { SESSION_COOKIE, verifySessionCookie } from '@/server/auth/session';
import { LoginForm } from '@/ui/features/auth/login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const given = (await searchParams).next;
  const next = safeNextPath(typeof given === 'string' ? given : undefined, config().appBaseUrl);
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (
    cookie &&
    (await verifySessionCookie(cookie).then(
      () => true,
      () => false,
    ))
  )
    redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold text-brand-700">BakedBot</p>
          <h1 className="mt-2 text-lg text-slate-700">Sign in to your dispensary</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm config={config().web} next={next} />
        </div>
      </div>
    </main>
  );
}
