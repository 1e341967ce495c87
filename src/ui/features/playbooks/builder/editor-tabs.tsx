'use client';
import { useRef } from 'react';
import { cn } from '@/ui/primitives/cn';

export type TabKey = 'design' | 'dry-run' | 'runs' | 'results' | 'versions';

/** The builder's tabs, as a WAI-ARIA tab list: arrow keys move between them. */
export function EditorTabs({
  current,
  onChange,
  hasPlaybook,
  versions,
  canDryRun,
  canSeeResults = false,
}: {
  current: TabKey;
  onChange: (t: TabKey) => void;
  hasPlaybook: boolean;
  versions: number;
  /** Dry runs read real amounts: owners and admins only. */
  canDryRun: boolean;
  /** Results carry revenue: owners and admins only. */
  canSeeResults?: boolean;
}) {
  const tabs: Array<[TabKey, string]> = [
    ['design', 'Design'],
    ...(canDryRun ? ([['dry-run', 'Dry run']] as Array<[TabKey, string]>) : []),
    ...(hasPlaybook
      ? ([['runs', 'Runs'], ...(canSeeResults ? ([['results', 'Results']] as Array<[TabKey, string]>) : []), ['versions', `Versions (${versions})`]] as Array<
          [TabKey, string]
        >)
      : []),
  ];
  const refs = useRef(new Map<TabKey, HTMLButtonElement>());
  const move = (delta: number) => {
    const i = tabs.findIndex(([k]) => k === current);
    const next = tabs[(i + delta + tabs.length) % tabs.length]![0];
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Playbook"
      className="mb-4 flex gap-1 border-b border-slate-200"
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') move(1);
        else if (e.key === 'ArrowLeft') move(-1);
        else return;
        e.preventDefault();
      }}
    >
      {tabs.map(([key, label]) => (
        <button
          key={key}
          ref={(el) => {
            if (el) refs.current.set(key, el);
          }}
          type="button"
          role="tab"
          id={`tab-${key}`}
          aria-selected={current === key}
          aria-controls={`panel-${key}`}
          tabIndex={current === key ? 0 : -1}
          onClick={() => onChange(key)}
          className={cn(
            '-mb-px border-b-2 px-4 py-2 text-sm font-medium',
            current === key ? 'border-brand-600 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900',
          )}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
