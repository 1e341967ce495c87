'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { SmokeySuggestions as Suggestions } from '@/server/services/agents/smokey';
import type { ProductMatch } from '@/server/services/agents/find-products';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import { formatMoney } from '@/ui/primitives/format';
import { SuggestionList } from './smokey-suggestions';

type Result = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; result: Suggestions };

/**
 * "What goes with this basket?": the budtender adds what is on the counter (search by name or brand,
 * arrow keys and Enter, or a tap), and Smokey suggests complements, never more of a category already
 * in the basket. A combobox in the WAI-ARIA pattern, so it works from the keyboard and a screen reader.
 */
export function SmokeyBasket({ locationId, large = false }: { locationId: string | null; large?: boolean }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ProductMatch[]>([]);
  const [active, setActive] = useState(-1);
  const [basket, setBasket] = useState<ProductMatch[]>([]);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const inputId = useId();
  const listId = useId();
  const resultId = useId();
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const res = await api<{ products: ProductMatch[] }>(`/api/products?q=${encodeURIComponent(q)}&limit=8`);
        // Only the newest answer counts: a slow reply to an earlier keystroke is dropped.
        if (ticket !== latest.current) return;
        setMatches(res.products);
        setActive(res.products.length ? 0 : -1);
        setSearchError(null);
      } catch (err) {
        if (ticket === latest.current) setSearchError(err instanceof ApiError ? err.message : 'The menu could not be searched. Try again.');
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  function add(p: ProductMatch) {
    setBasket((b) => (b.some((x) => x.id === p.id) ? b : [...b, p]));
    setQuery('');
    setMatches([]);
    setActive(-1);
    setResult({ kind: 'idle' });
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (!matches.length) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => (i + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i <= 0 ? matches.length - 1 : i - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      add(matches[active]!);
    } else if (e.key === 'Escape') {
      setMatches([]);
      setActive(-1);
    }
  }

  async function suggest() {
    setResult({ kind: 'loading' });
    try {
      const res = await api<Suggestions>('/api/recommendations/upsell', {
        method: 'POST',
        body: { productIds: basket.map((p) => p.id), locationId, limit: 5 },
      });
      setResult({ kind: 'done', result: res });
    } catch (err) {
      setResult({ kind: 'error', message: err instanceof ApiError ? err.message : 'Smokey could not suggest anything. Try again.' });
    }
  }

  const text = large ? 'text-lg' : 'text-sm';
  const open = matches.length > 0;
  return (
    <div className={cn('mt-5 border-t border-slate-200 pt-4', text)} data-testid="smokey-basket">
      <h3 className={cn('font-medium', large && 'text-lg font-semibold')}>What goes with this basket?</h3>
      <label htmlFor={inputId} className="mt-2 block text-slate-700">
        Add a product from the counter
      </label>
      <div className="relative mt-1">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            // An emptied box closes the list at once; typing waits for the search.
            if (!e.target.value.trim()) {
              latest.current++;
              setMatches([]);
              setActive(-1);
            }
          }}
          onKeyDown={onKeyDown}
          placeholder="Product or brand name"
          className={cn('w-full rounded-md border border-slate-300 px-3', large ? 'min-h-12' : 'min-h-11')}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching products"
          hidden={!open}
          className="absolute z-10 mt-1 w-full rounded-md border border-slate-200 bg-white shadow-lg"
        >
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                add(p);
              }}
              className={cn('cursor-pointer px-3 py-2', i === active && 'bg-slate-100')}
            >
              <span className="font-medium">{p.name}</span>{' '}
              <span className="text-slate-600">
                {p.brand} · {p.categoryLabel} · {formatMoney(p.priceCents)}
                {p.stock > 0 ? '' : ' · sold out'}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {searchError ? <p className="mt-1 text-red-700">{searchError}</p> : null}
      {query.trim() && !open && !searchError ? (
        <p className="mt-1 text-slate-600" aria-live="polite">
          No product on the menu matches “{query.trim()}”.
        </p>
      ) : null}
      {basket.length ? (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label="Basket">
          {basket.map((p) => (
            <li key={p.id} className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-1 pl-3 pr-1">
              {p.name}
              <button
                type="button"
                onClick={() => {
                  setBasket((b) => b.filter((x) => x.id !== p.id));
                  setResult({ kind: 'idle' });
                }}
                className="min-h-9 min-w-9 rounded-full text-slate-600 hover:bg-slate-200"
                aria-label={`Remove ${p.name} from the basket`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        className={cn('mt-3', large && 'min-h-12 text-lg')}
        onClick={suggest}
        disabled={!basket.length || result.kind === 'loading'}
        aria-controls={resultId}
      >
        {result.kind === 'loading' ? 'Smokey is looking…' : 'Suggest what goes with it'}
      </Button>
      <div id={resultId} aria-live="polite" aria-busy={result.kind === 'loading'} className="mt-3">
        {result.kind === 'error' ? <p className="text-red-700">{result.message}</p> : null}
        {result.kind === 'done' && !result.result.suggestions.length ? (
          <p className="text-slate-600">Nothing to add: no complement to this basket is in stock.</p>
        ) : null}
        {result.kind === 'done' && result.result.suggestions.length ? <SuggestionList result={result.result} /> : null}
      </div>
    </div>
  );
}
