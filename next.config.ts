import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with a real 403 status for pages a role may not see.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Several stacks (e2e runs side by side) can build into separate directories.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Keep typed routes off: dashboard links are built from data.
  typedRoutes: false,
};

export default nextConfig;
