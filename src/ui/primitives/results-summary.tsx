'use client';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from './format';

export function describeResults(count: number, noun: { one: string; many: string }, more = false): string {
  if (count === 0) return `No ${noun.many} found`;
  return `${formatCount(count)} ${count === 1 ? noun.one : noun.many} found${more ? ', more on the next page' : ''}`;
}

/**
 * Where the results of a search or a filter begin: "12 customers found". After a search or a
 * filter, keyboard focus moves to this heading (so the next Tab is in the results, not back at the
 * top of the page) and a polite live region says the count, for people who cannot see the list
 * change (WCAG 2.4.3, 4.1.3).
 *
 * A search is a change of `resultsKey` (the query, say) while the page is open, or a page that
 * opens already `searched` (a form that reloads the page with its query in the URL). Opening the
 * page plainly moves nothing. For filters that apply as soon as a select changes, pass
 * `moveFocus={false}`: taking focus from a select while someone is still choosing would change
 * context on input (WCAG 3.2.2), so those only announce. `ready` holds the announcement until the
 * new results have arrived.
 */
export function ResultsSummary({
  count,
  noun,
  more = false,
  resultsKey,
  searched,
  ready = true,
  moveFocus = true,
  className,
}: {
  count: number;
  noun: { one: string; many: string };
  /** Another page of results follows. */
  more?: boolean;
  resultsKey: string;
  searched: boolean;
  ready?: boolean;
  moveFocus?: boolean;
  className?: string;
}) {
  const text = describeResults(count, noun, more);
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const seenKey = useRef<string | null>(null);
  const pending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (seenKey.current !== resultsKey) {
      pending.current = seenKey.current !== null || searched;
      seenKey.current = resultsKey;
    }
    if (!pending.current || !ready) return;
    pending.current = false;
    if (moveFocus) heading.current?.focus();
    // Emptied first and filled a moment later, so the same words twice are still announced twice.
    // Not cleared when the count moves again (a live list): the announcement of this search still goes out.
    setAnnouncement('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setAnnouncement(text), 150);
  }, [resultsKey, ready, searched, moveFocus, text]);

  return (
    <>
      {moveFocus ? (
        <h2 ref={heading} tabIndex={-1} className={className ?? 'text-sm font-medium text-slate-700'} data-testid="results-summary">
          {text}
        </h2>
      ) : (
        <p className={className ?? 'text-sm font-medium text-slate-700'} data-testid="results-summary">
          {text}
        </p>
      )}
      <p role="status" className="sr-only" data-testid="results-announcement">
        {announcement}
      </p>
    </>
  );
}
