'use client';
import { useId, useRef, useState } from 'react';
import { cn } from '@/ui/primitives/cn';
import type { Suggestion } from './builder-context';

type Mode = 'liquid' | 'expression';

interface Token {
  start: number;
  partial: string;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

/** The word being typed at the caret that suggestions could complete, if any. */
function tokenAt(text: string, caret: number, mode: Mode): Token | null {
  const before = text.slice(0, caret);
  if (mode === 'liquid') {
    const open = before.lastIndexOf('{{');
    if (open < 0 || before.indexOf('}}', open) >= 0) return null;
    const partial = before.slice(open + 2).replace(/^-?\s*/, '');
    return /^[\w.]*$/.test(partial) ? { start: open, partial } : null;
  }
  if ((before.match(/"/g) ?? []).length % 2 === 1) return null;
  const m = /[A-Za-z_][\w.]*$/.exec(before);
  if (!m || KEYWORDS.has(m[0])) return null;
  return { start: caret - m[0].length, partial: m[0] };
}

function matches(all: Suggestion[], partial: string): Suggestion[] {
  const p = partial.toLowerCase();
  const starts = all.filter((s) => s.value.toLowerCase().startsWith(p));
  const inside = all.filter((s) => !s.value.toLowerCase().startsWith(p) && s.value.toLowerCase().includes(p));
  const out = [...starts, ...inside].slice(0, 8);
  return out.length === 1 && out[0]!.value === partial ? [] : out;
}

const BOX = 'block w-full rounded-md border px-3 py-2 text-sm leading-5';

/**
 * A textarea that offers completions: variables after "{{" in Liquid, field names in a
 * condition. Arrow keys choose, Enter or Tab inserts, Escape closes. An optional range is
 * underlined in place (where a condition's error is).
 */
export function AutocompleteText({
  id,
  value,
  onChange,
  suggestions,
  mode,
  rows = 3,
  highlight,
  invalid,
  describedBy,
  mono,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  suggestions: Suggestion[];
  mode: Mode;
  rows?: number;
  highlight?: { start: number; end: number } | null;
  invalid?: boolean;
  describedBy?: string;
  mono?: boolean;
  placeholder?: string;
}) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const [token, setToken] = useState<Token | null>(null);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const open = items.length > 0 && token !== null;

  const refresh = (text: string, caret: number) => {
    const t = tokenAt(text, caret, mode);
    if (!t || (mode === 'expression' && !t.partial)) {
      setToken(null);
      setItems([]);
      return;
    }
    setToken(t);
    setItems(matches(suggestions, t.partial));
    setActive(0);
  };

  const choose = (s: Suggestion) => {
    const el = ref.current;
    if (!el || !token) return;
    const caret = el.selectionStart;
    let after = value.slice(caret);
    let insert = s.value;
    if (mode === 'liquid') {
      after = after.replace(/^[\w.]*\s*-?}}/, '');
      insert = `{{ ${s.value} }}`;
    } else {
      after = after.replace(/^[\w.]*/, '');
    }
    const next = `${value.slice(0, token.start)}${insert}${after}`;
    const at = token.start + insert.length;
    onChange(next);
    setToken(null);
    setItems([]);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choose(items[active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setItems([]);
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;
  const hl = highlight && highlight.start <= value.length ? highlight : null;
  return (
    <div className="relative mt-1">
      {hl ? (
        <div
          ref={backdrop}
          aria-hidden="true"
          className={cn(
            BOX,
            'pointer-events-none absolute inset-0 overflow-hidden whitespace-pre-wrap break-words border-transparent bg-white text-transparent',
            mono && 'font-mono',
          )}
        >
          {value.slice(0, hl.start)}
          <mark
            data-testid="condition-error-mark"
            className="bg-red-100/60 text-transparent underline decoration-red-600 decoration-wavy decoration-2 underline-offset-4"
          >
            {value.slice(hl.start, Math.max(hl.end, hl.start)) || '\u00a0'}
          </mark>
          {value.slice(Math.max(hl.end, hl.start))}
        </div>
      ) : null}
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        spellCheck={mode === 'liquid'}
        onChange={(e) => {
          onChange(e.target.value);
          refresh(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') refresh(value, e.currentTarget.selectionStart);
        }}
        onClick={(e) => refresh(value, e.currentTarget.selectionStart)}
        onBlur={() => setItems([])}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
        }}
        aria-invalid={invalid}
        aria-describedby={[describedBy, `${listId}-help`].filter(Boolean).join(' ')}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        className={cn(
          BOX,
          'relative shadow-sm disabled:bg-slate-50',
          hl ? 'bg-transparent' : 'bg-white',
          invalid ? 'border-red-400' : 'border-slate-300',
          mono && 'font-mono',
        )}
      />
      <span id={`${listId}-help`} className="sr-only">
        {mode === 'liquid' ? 'Type two opening braces for variable suggestions.' : 'Start typing a field name for suggestions.'}
      </span>
      <span role="status" className="sr-only">
        {open ? `${items.length} suggestion${items.length === 1 ? '' : 's'}; up and down arrows to choose, Enter to insert.` : ''}
      </span>
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute left-0 right-0 top-full z-20 mt-1 max-h-60 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {items.map((s, i) => (
            <li
              key={s.value}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
              onMouseEnter={() => setActive(i)}
              className={cn('cursor-pointer px-3 py-1.5', i === active ? 'bg-brand-50' : '')}
            >
              <span className="font-mono text-xs">{s.value}</span>
              <span className="ml-2 text-xs text-slate-500">{s.description}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
