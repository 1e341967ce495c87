'use client';
import { useId, useRef } from 'react';
import { cn } from './cn';

export interface TabItem {
  id: string;
  label: string;
  /** Marks a tab whose panel has a problem to look at (an invalid field). */
  flagged?: boolean;
}

/**
 * WAI-ARIA tabs with automatic activation: one tab in the tab order, Left/Right (and Home/End)
 * move between tabs and show their panel. Only the selected panel is rendered.
 */
export function Tabs({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: {
  label: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  children: React.ReactNode;
}) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (e: React.KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const to = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const tab = tabs[to]!;
    onSelect(tab.id);
    refs.current[tab.id]?.focus();
  };
  return (
    <div>
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((t, i) => {
          const on = t.id === selected;
          return (
            <button
              key={t.id}
              ref={(el) => {
                refs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${t.id}`}
              aria-selected={on}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={on ? 0 : -1}
              onClick={() => onSelect(t.id)}
              onKeyDown={(e) => move(e, i)}
              className={cn(
                '-mb-px rounded-t-md border-b-2 px-4 py-2 text-sm font-medium pointer-coarse:min-h-11',
                on ? 'border-brand-600 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900',
              )}
            >
              {t.label}
              {t.flagged ? (
                <span className="ml-1 text-red-700" aria-label="(has a problem)">
                  •
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${base}-panel-${selected}`} aria-labelledby={`${base}-tab-${selected}`} tabIndex={0} className="pt-5">
        {children}
      </div>
    </div>
  );
}
