import { NextResponse, type NextRequest } from 'next/server';
import { safeNextPath } from '@/domain/safe-next';
import { newNonce, pageSecurityHeaders } from '@/server/http/security-headers';

/**
 * Runs before every page: a fresh CSP nonce (Next reads it from the request's
 * Content-Security-Policy header and puts it on the scripts it renders), and a cheap first gate:
 * a dashboard visit without any session cookie goes straight to /login. The real check
 * (signature, revocation, role) happens on the server in every page and route.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const security = pageSecurityHeaders(newNonce());
  if (pathname.startsWith('/dashboard') && !request.cookies.has('__session')) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(safeNextPath(pathname + search, request.nextUrl.origin))}`;
    const redirect = NextResponse.redirect(url);
    for (const [k, v] of Object.entries(security)) redirect.headers.set(k, v);
    return redirect;
  }
  const headers = new Headers(request.headers);
  headers.set('x-pathname', pathname + search);
  headers.set('content-security-policy', security['content-security-policy']!);
  const response = NextResponse.next({ request: { headers } });
  for (const [k, v] of Object.entries(security)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Every page; not the API (JSON, with its own headers from next.config.ts) or static files.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)'],
};
