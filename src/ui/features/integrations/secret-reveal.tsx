'use client';
import { useState } from 'react';
import { Button } from '@/ui/primitives/button';

/** A secret shown once, with a copy button that says when it worked. */
export function SecretReveal({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-md border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900">
      <p className="font-medium">{label}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded bg-white px-2 py-1 font-mono text-sm">
          {value}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-600">{note}</p>
    </div>
  );
}
