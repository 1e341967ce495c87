import { cn } from '@/ui/primitives/cn';

/**
 * The conditions behind words shown to an owner, one click away: a native disclosure, closed by
 * default, so the page reads in plain words and the expression is there for whoever asks.
 */
export function ShowExpression({ expressions, className }: { expressions: Array<string | undefined | null>; className?: string }) {
  const shown = expressions.filter((e): e is string => !!e?.trim());
  if (!shown.length) return null;
  return (
    <details className={cn('text-xs', className)} data-testid="show-expression">
      <summary className="cursor-pointer text-brand-700">{shown.length > 1 ? 'Show expressions' : 'Show expression'}</summary>
      <ul className="mt-1 space-y-1">
        {shown.map((e, i) => (
          <li key={i}>
            <code className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-800">{e}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The filters of a playbook's triggers, for the disclosure beside their words. */
export function triggerFilters(triggers: Array<{ type: string; filter?: string }>): string[] {
  return triggers.flatMap((t) => (t.type === 'event' && t.filter?.trim() ? [t.filter] : []));
}
