import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { parseJsonBody } from './parse';
import { withRequest } from './with-request';

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('withRequest error mapping', () => {
  it('maps an unexpected error to a 500 with a request id and no internals', async () => {
    const handler = withRequest(async () => {
      throw new Error('connection to 10.0.0.7 failed: password=hunter2');
    });
    const res = await handler(new Request('http://localhost/x', { headers: { 'x-request-id': 'req-abc-12345' } }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe('internal');
    expect(body.error.requestId).toBe('req-abc-12345');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|10\.0\.0\.7/);
    expect(res.headers.get('x-request-id')).toBe('req-abc-12345');
  });

  it('passes expected errors through with their status, message and headers', async () => {
    const res = await withRequest(async () => {
      throw errors.rateLimited(30);
    })(new Request('http://localhost/x'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await res.json()).error.code).toBe('rate_limited');
  });

  it('answers 422 with field paths for a schema failure', async () => {
    const schema = z.object({ name: z.string().min(1), items: z.array(z.object({ qty: z.number().int().positive() })) });
    const res = await withRequest(async (req) => parseJsonBody(req, schema))(post(JSON.stringify({ name: '', items: [{ qty: 0 }] })));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['name', 'items.0.qty']);
  });

  it('answers 400 for JSON that does not parse and 413 for a body over the limit', async () => {
    const schema = z.object({});
    const bad = await withRequest(async (req) => parseJsonBody(req, schema))(post('{nope'));
    expect(bad.status).toBe(400);
    const big = await withRequest(async (req) => parseJsonBody(req, schema, { maxBytes: 1024 }))(post(JSON.stringify({ pad: 'x'.repeat(5000) })));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
  });

  it('serialises plain return values as JSON', async () => {
    const res = await withRequest(async () => ({ hello: 'world' }))(new Request('http://localhost/x'));
    expect(await res.json()).toEqual({ hello: 'world' });
    expect(new AppError('not_found', 'x').status).toBe(404);
  });
});
