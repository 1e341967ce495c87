import type { NextConfig } from 'next';

/** On every response. The page CSP (with its per-request nonce) and HSTS come from src/proxy.ts. */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with a real 403 status for pages a role may not see.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Several stacks (e2e runs side by side) can build into separate directories.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Such a build type-checks with tsconfig.build.json, which extends tsconfig.json: Next never
  // rewrites a config that extends another, so it cannot add its types directory to tsconfig.json.
  // The benchmarks' build skips the type check (BENCH_SKIP_TYPECHECK): it takes minutes on a busy
  // machine, and `npm run typecheck` and CI check the same code.
  typescript: {
    tsconfigPath: process.env.NEXT_DIST_DIR && process.env.NEXT_DIST_DIR !== '.next' ? 'tsconfig.build.json' : 'tsconfig.json',
    ignoreBuildErrors: process.env.BENCH_SKIP_TYPECHECK === '1',
  },
  // Keep typed routes off: dashboard links are built from data.
  typedRoutes: false,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      // JSON answers load nothing and are never framed.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
