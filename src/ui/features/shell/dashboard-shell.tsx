'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import type { Role } from '@/domain/roles';
import { cn } from '@/ui/primitives/cn';
import type { NavItem } from './nav';
import { SignOutButton } from './sign-out-button';

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', budtender: 'Budtender' };

export function DashboardShell({
  tenantName,
  user,
  nav,
  children,
}: {
  tenantName: string;
  user: { email?: string; role: Role };
  nav: NavItem[];
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isActive = (href: string) => (href === '/dashboard' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));

  const links = (
    <ul className="space-y-1">
      {nav.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={isActive(item.href) ? 'page' : undefined}
            onClick={() => setOpen(false)}
            className={cn(
              'block rounded-md px-3 py-2 text-sm font-medium',
              isActive(item.href) ? 'bg-brand-100 text-brand-900' : 'text-slate-700 hover:bg-slate-100',
            )}
          >
            {item.label}
            {item.badge && item.badge.count > 0 ? (
              <span
                className="ml-2 inline-flex min-w-5 justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
                data-testid={`nav-badge-${item.label}`}
              >
                {item.badge.count > 99 ? '99+' : item.badge.count}
                <span className="sr-only"> {item.badge.label}</span>
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <span className="font-semibold text-brand-700">BakedBot</span>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((v) => !v)}
        >
          Menu
        </button>
      </header>
      {open ? (
        <nav id="mobile-nav" aria-label="Main" className="border-b border-slate-200 bg-white p-3 lg:hidden">
          {links}
        </nav>
      ) : null}
      <aside className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
        <div className="border-b border-slate-200 px-5 py-4">
          <p className="text-lg font-bold text-brand-700">BakedBot</p>
          <p className="mt-0.5 truncate text-sm text-slate-600" data-testid="tenant-name">
            {tenantName}
          </p>
        </div>
        <nav aria-label="Main" className="flex-1 p-3">
          {links}
        </nav>
        <div className="border-t border-slate-200 p-4 text-sm">
          <p className="truncate font-medium" data-testid="user-email">
            {user.email}
          </p>
          <p className="text-slate-600" data-testid="user-role">
            {ROLE_LABEL[user.role]}
          </p>
          <SignOutButton className="mt-3 w-full" />
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2 text-sm lg:hidden">
          <span className="truncate">
            {tenantName} · {ROLE_LABEL[user.role]}
          </span>
          <SignOutButton />
        </div>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
