'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '@/domain/roles';
import { buttonClass } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import type { NavItem } from './nav';
import { SignOutButton } from './sign-out-button';

const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', budtender: 'Budtender' };

/** Where the sidebar stays open beside the page (Tailwind's xl); below it the navigation is a drawer. */
const WIDE = '(min-width: 80rem)';

/**
 * The dashboard frame. From 1280px wide the navigation is a sidebar; below that (tablets, phones)
 * it is an off-canvas drawer opened by the "Menu" button, so the page keeps the full width. While
 * the drawer is open the page behind it is inert, focus starts on "Close menu", Escape or a click
 * outside closes it, and focus returns to the Menu button.
 */
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
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const isActive = (href: string) => (href === '/dashboard' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));

  // Focus goes back to the Menu button once the page behind is no longer inert, i.e. after the render.
  const restoreFocus = useRef(false);
  const close = (returnFocus: boolean) => {
    restoreFocus.current = returnFocus;
    setOpen(false);
  };

  useEffect(() => {
    if (!open) {
      if (restoreFocus.current) menuButton.current?.focus();
      restoreFocus.current = false;
      return;
    }
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      restoreFocus.current = true;
      setOpen(false);
    };
    // Widened past the breakpoint (a tablet turned, a window resized): the sidebar shows, the drawer state ends.
    const wide = window.matchMedia(WIDE);
    const onWide = () => {
      if (wide.matches) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    wide.addEventListener('change', onWide);
    return () => {
      document.removeEventListener('keydown', onKey);
      wide.removeEventListener('change', onWide);
    };
  }, [open]);

  return (
    <div className="min-h-screen xl:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-[60] focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {open ? <div className="fixed inset-0 z-40 bg-slate-900/40 xl:hidden" aria-hidden="true" onClick={() => close(true)} /> : null}
      <div
        id="dashboard-nav"
        className={cn(
          'fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-slate-200 bg-white shadow-xl',
          'duration-200 motion-reduce:transition-none',
          'xl:visible xl:sticky xl:top-0 xl:z-auto xl:h-screen xl:w-64 xl:max-w-none xl:shrink-0 xl:translate-x-0 xl:shadow-none',
          // Visible at once when opening (so focus can move in), hidden only once it has slid out.
          open ? 'visible translate-x-0 transition-transform' : 'invisible -translate-x-full transition-[transform,visibility]',
        )}
      >
        <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-5 py-4">
          <div className="min-w-0">
            <p className="text-lg font-bold text-brand-700">BakedBot</p>
            <p className="mt-0.5 truncate text-sm text-slate-600" data-testid="tenant-name">
              {tenantName}
            </p>
          </div>
          <button ref={closeButton} type="button" className={buttonClass('ghost', 'px-2.5 xl:hidden')} onClick={() => close(true)}>
            <CloseIcon />
            Close<span className="sr-only"> menu</span>
          </button>
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <ul className="space-y-1">
            {nav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={isActive(item.href) ? 'page' : undefined}
                  onClick={() => close(false)}
                  className={cn(
                    'flex items-center rounded-md px-3 py-2 text-sm font-medium pointer-coarse:min-h-11',
                    isActive(item.href) ? 'bg-brand-100 text-brand-900' : 'text-slate-700 hover:bg-slate-100',
                  )}
                >
                  {item.label}
                  {item.badge && item.badge.count > 0 ? (
                    <span
                      className="ml-2 inline-flex min-w-5 justify-center rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white"
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
      </div>
      <div className="min-w-0 flex-1" inert={open}>
        <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 xl:hidden">
          <button
            ref={menuButton}
            type="button"
            className={buttonClass('secondary')}
            aria-expanded={open}
            aria-controls="dashboard-nav"
            onClick={() => setOpen(true)}
          >
            <MenuIcon />
            Menu
          </button>
          <span className="font-semibold text-brand-700">BakedBot</span>
          <span className="ml-auto min-w-0 truncate text-sm text-slate-600">
            {tenantName} · {ROLE_LABEL[user.role]}
          </span>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
      <path d="M3 5h14M3 10h14M3 15h14" />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
      <path d="M5 5l10 10M15 5L5 15" />
    </svg>
  );
}
