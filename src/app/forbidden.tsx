import Link from 'next/link';
import { buttonClass } from '@/ui/primitives/button';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role cannot open this page</h1>
      <p className="mt-3 text-slate-600">Ask an owner of your dispensary if you need access.</p>
      <Link href="/dashboard" className={buttonClass('primary', 'mt-6 px-4')}>
        Back to the dashboard
      </Link>
    </main>
  );
}
