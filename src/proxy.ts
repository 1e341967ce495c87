import { NextResponse, type NextRequest } from 'next/server';

// Cheap first gate: a dashboard visit without any session cookie goes straight to /login.
// The real check (signature, revocation, role) happens on the server in every page and route.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/dashboard') && !request.cookies.has('__session')) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set('x-pathname', pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/dashboard/:path*'],
};
