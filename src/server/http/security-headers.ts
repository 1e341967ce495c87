import { randomBytes } from 'node:crypto';
import { config, type AppConfig } from '../config';

/** Firebase endpoints the browser SDKs call in production: Auth (sign-in, token refresh) and Firestore (live listeners). */
const FIREBASE_ORIGINS = ['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com', 'https://firestore.googleapis.com'];

/** 128 random bits, base64: unguessable, and fresh for every page. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Where the browser may connect: this app, and Firebase (the emulators' hosts locally). */
export function connectSources(c: Pick<AppConfig, 'firestoreEmulatorHost' | 'authEmulatorHost'>): string[] {
  const emulators = [c.authEmulatorHost, c.firestoreEmulatorHost].filter((h): h is string => !!h).map((h) => `http://${h}`);
  return ["'self'", ...(emulators.length ? emulators : FIREBASE_ORIGINS)];
}

/**
 * The page CSP. Scripts run only with this response's nonce (Next puts it on its own inline and
 * bundle scripts, reading it from the request's CSP header) and what they load ('strict-dynamic').
 * Style elements need the nonce too; style attributes are allowed, as React renders some and
 * email previews are made of them (an attribute cannot run script). Images may come from any
 * https host, for the images in email previews.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; production: boolean; connect: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src ${opts.connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    ...(opts.production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** The CSP (and, in production, HSTS) for one page request. */
export function pageSecurityHeaders(nonce: string): Record<string, string> {
  const c = config();
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(nonce, { dev: c.env === 'development', production: c.isProduction, connect: connectSources(c) }),
  };
  // Browsers ignore HSTS over plain http, and the local stack is http: production only.
  if (c.isProduction) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}
