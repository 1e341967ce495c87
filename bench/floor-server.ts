// The benchmark's floor: the least a receiver can do. A bare node:http server that checks the
// same base64 HMAC-SHA256 over the raw body (constant-time) and makes one create() into the same
// Firestore emulator, then answers. No framework, no dedupe beyond the create, no processing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';

const port = Number(process.env.FLOOR_PORT);
const secret = process.env.FLOOR_SECRET ?? '';
const db = getFirestore(initializeApp({ projectId: process.env.FIREBASE_PROJECT_ID }));

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers['x-shopify-hmac-sha256'] ?? ''), 'base64');
    const expected = createHmac('sha256', secret).update(raw).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    try {
      await db.collection('bench_floor').doc(String(req.headers['x-shopify-webhook-id'])).create({ body: raw, receivedAt: new Date() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    } catch (err) {
      res.writeHead((err as { code?: number }).code === 6 ? 200 : 500).end();
    }
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`floor listening on ${port}\n`));
