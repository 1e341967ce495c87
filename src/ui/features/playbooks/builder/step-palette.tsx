'use client';
import { useId, useRef, useState } from 'react';
import type { StepCategory } from '@/domain/playbooks/step-registry';
import { buttonClass } from '@/ui/primitives/button';
import { useBuilder } from './builder-context';

const CATEGORY_LABEL: Record<StepCategory, string> = {
  message: 'Messages',
  flow: 'Timing and branches',
  data: 'Customer data and staff',
  ai: 'AI',
  integration: 'Integrations',
  loyalty: 'Loyalty',
};

const ORDER: StepCategory[] = ['message', 'flow', 'data', 'ai', 'integration', 'loyalty'];

/** "Add a step": the step types by category, each with what it does. */
export function StepPalette({ where, onAdd }: { where: string; onAdd: (action: string) => void }) {
  const { catalogue } = useBuilder();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const steps = catalogue?.steps ?? [];
  const categories = [...ORDER, ...new Set(steps.map((s) => s.category).filter((c) => !ORDER.includes(c)))];
  return (
    <div className="mt-2">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        disabled={!catalogue}
        className={buttonClass('secondary', 'border-dashed')}
      >
        {open ? 'Close the step list' : `+ Add a step ${where}`}
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label={`Step types to add ${where}`}
          className="mt-2 grid gap-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          {categories.map((cat) => {
            const list = steps.filter((s) => s.category === cat);
            if (!list.length) return null;
            return (
              <div key={cat}>
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{CATEGORY_LABEL[cat] ?? cat}</p>
                <ul className="mt-1 space-y-1">
                  {list.map((s) => (
                    <li key={s.action}>
                      <button
                        type="button"
                        onClick={() => {
                          setOpen(false);
                          onAdd(s.action);
                        }}
                        className="w-full rounded-md px-2 py-1.5 text-left hover:bg-white focus:bg-white"
                        aria-label={s.label}
                        aria-describedby={`${panelId}-${s.action}`}
                      >
                        <span className="block text-sm font-medium text-slate-900">{s.label}</span>
                        <span id={`${panelId}-${s.action}`} className="block text-xs text-slate-600">
                          {s.description}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
