'use client';
import { useEffect, useState } from 'react';

// One request for every trigger description on the page (the picker, the flow text and diagram,
// the versions and the dry run), refreshed after a minute so a renamed segment reads right.
let shared: { at: number; names: Promise<Record<string, string>> } | null = null;

function load(): Promise<Record<string, string>> {
  if (shared && Date.now() - shared.at < 60_000) return shared.names;
  const names = fetch('/api/saved-segments')
    .then((r) => (r.ok ? r.json() : { segments: [] }))
    .then((b: { segments: Array<{ id: string; name: string }> }) => Object.fromEntries(b.segments.map((s) => [s.id, s.name])))
    .catch(() => ({}));
  shared = { at: Date.now(), names };
  return names;
}

/** The tenant's saved segments by id, for "Enters the saved segment “…”". Empty until loaded. */
export function useSavedSegmentNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void load().then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}
