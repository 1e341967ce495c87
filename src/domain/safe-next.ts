/** Where a sign-in goes when `next` is missing or refused. */
export const DEFAULT_NEXT = '/dashboard';

// Control characters (browsers strip tabs and newlines from URLs, so "/\t/evil" becomes "//evil")
// and backslashes (browsers read "/\evil" as "//evil") never belong in a path we redirect to.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * The `next` of /login?next=… as a same-origin path, or DEFAULT_NEXT. It is parsed with the URL
 * parser against the app's origin and kept only when it stays on that origin; what comes back is
 * a path (never "//host"), so a redirect to it cannot leave the site.
 */
export function safeNextPath(next: string | null | undefined, appOrigin: string): string {
  if (!next || next.length > 2_000 || UNSAFE.test(next)) return DEFAULT_NEXT;
  let base: URL;
  let url: URL;
  try {
    base = new URL(appOrigin);
    url = new URL(next, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== base.origin) return DEFAULT_NEXT;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : DEFAULT_NEXT;
}
