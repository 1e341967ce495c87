/** A moment as staff at the dispensary read it: short, in the dispensary's time zone ("Nov 21, 3:45 AM"). */
export function formatWhen(d: Date | string | null | undefined, timeZone: string): string {
  if (!d) return '—';
  return new Date(d).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone });
}
