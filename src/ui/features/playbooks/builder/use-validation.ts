'use client';
import { useEffect, useMemo, useState } from 'react';
import { api } from '@/ui/primitives/api-client';
import { fingerprint, toDefinition, valueAt } from '../draft';
import type { Draft, Problem } from '../types';

/** Messages that only say "this is empty": held back until the user tries to save. */
const EMPTY = /^(Fill this in|Add at least one|Too small: expected (string|array)|Invalid input: expected string, received undefined)/;

export function isEmptinessProblem(p: Problem): boolean {
  return EMPTY.test(p.message);
}

/** Problems with the text they were about, so a condition's range is drawn only while that text stands. */
export function withSources(problems: Problem[], draft: Draft): Problem[] {
  return problems.map((p) => {
    const v = valueAt(draft, p.path);
    return typeof v === 'string' ? { ...p, source: v } : p;
  });
}

/**
 * Checks the draft on the server a moment after each change (event names, conditions against
 * the trigger's schema, templates, run keys), the same checks saving makes.
 */
export function useValidation(draft: Draft, enabled: boolean): { problems: Problem[]; checking: boolean; setProblems: (p: Problem[]) => void } {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [checking, setChecking] = useState(false);
  const key = useMemo(() => fingerprint(toDefinition(draft)), [draft]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const snapshot = draft;
    const timer = setTimeout(() => {
      setChecking(true);
      api<{ ok: boolean; problems: Problem[] }>('/api/playbooks/validate', { body: toDefinition(snapshot) })
        .then((res) => {
          if (!cancelled) setProblems(withSources(res.problems, snapshot));
        })
        .catch(() => {
          // A failed check leaves the last answer; saving checks again and reports.
        })
        .finally(() => {
          if (!cancelled) setChecking(false);
        });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The fingerprint stands for the draft: property order and blank optionals are not changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fingerprint stands for the draft
  }, [key, enabled]);

  return { problems, checking, setProblems };
}
