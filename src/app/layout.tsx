import type { Metadata } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'BakedBot', template: '%s · BakedBot' },
  description: 'Customer engagement for cannabis dispensaries.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so Next can put this request's CSP nonce (src/proxy.ts) on
  // its scripts; a page prerendered at build time would carry none and its scripts be refused.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
