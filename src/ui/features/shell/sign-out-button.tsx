'use client';
import { useState } from 'react';
import { Button } from '@/ui/primitives/button';

export function SignOutButton({ className }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className={className}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await fetch('/api/auth/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops every cached page of the signed-out session
        window.location.assign('/login');
      }}
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
