'use client';
import { forwardRef } from 'react';
import { controlId } from '../draft';
import type { Problem } from '../types';
import { humanMessage } from './builder-context';

/** Where a problem's path lives on the page: its control, else its step card or list, walking up. */
export function elementForPath(path: string): HTMLElement | null {
  const parts = path.split('.');
  while (parts.length) {
    const id = controlId(parts.join('.'));
    for (const candidate of [id, `${id}-problem`, `${id}-card`]) {
      const el = document.getElementById(candidate);
      if (el) return el;
    }
    parts.pop();
  }
  return null;
}

/** "What a person calls this place": steps.1.then.0.template → step 2 › then › step 1 › template. */
export function describePath(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if ((part === 'steps' || part === 'then' || part === 'else' || part === 'onEvent' || part === 'onTimeout') && next !== undefined && /^\d+$/.test(next)) {
      out.push(part === 'steps' ? `step ${Number(next) + 1}` : `${part} › step ${Number(next) + 1}`);
      i++;
    } else if (part === 'triggers' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`trigger ${Number(next) + 1}`);
      i++;
    } else if (part === 'variants' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`variant ${Number(next) + 1}`);
      i++;
    } else out.push(part);
  }
  return out.join(' › ');
}

/** The problems that stop a save, each a link to the control it is about. */
export const ProblemSummary = forwardRef<HTMLDivElement, { problems: Problem[] }>(function ProblemSummary({ problems }, ref) {
  if (!problems.length) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="problem-summary-heading"
      className="mb-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
      data-testid="problem-summary"
    >
      <p id="problem-summary-heading" className="font-semibold">
        {problems.length === 1 ? 'One thing to fix before saving' : `${problems.length} things to fix before saving`}
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            <a
              href={`#${controlId(p.path)}`}
              className="underline"
              onClick={(e) => {
                e.preventDefault();
                const el = elementForPath(p.path);
                if (!el) return;
                el.scrollIntoView({ block: 'center' });
                el.focus({ preventScroll: true });
              }}
            >
              {describePath(p.path)}
            </a>
            : {humanMessage(p.message)}
          </li>
        ))}
      </ul>
    </div>
  );
});
