// A local stand-in for Google's token-signing certificate endpoint, and a signer for tokens
// shaped exactly like the OIDC tokens Cloud Scheduler sends. The real google-auth-library
// verifies them against this server.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface OidcFake {
  certsUrl: string;
  sign(claims: Record<string, unknown>, opts?: { kid?: string; expiresInSec?: number; privateKey?: string }): string;
  otherKey: string;
  close(): Promise<void>;
}

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export async function startOidcFake(): Promise<OidcFake> {
  const kid = `key-${randomUUID().slice(0, 8)}`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const other = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    res.end(JSON.stringify({ [kid]: publicKey }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    certsUrl: `http://127.0.0.1:${port}/oauth2/v1/certs`,
    otherKey: other.privateKey,
    sign(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid };
      const payload = { iss: 'https://accounts.google.com', iat: now, exp: now + (opts.expiresInSec ?? 3600), sub: '1234567890', ...claims };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
      const sig = createSign('RSA-SHA256')
        .update(input)
        .sign(opts.privateKey ?? privateKey);
      return `${input}.${b64url(sig)}`;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
