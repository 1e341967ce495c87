import type { z } from 'zod';
import { AppError, errors } from '@/domain/errors';

const DEFAULT_MAX_BYTES = 256 * 1024;

/** Reads the raw body up to a limit; a longer body is a 413 and is not read further. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number) {
  return new AppError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`, { maxBytes });
}

/** Parses and validates a JSON body: 400 when it is not JSON, 422 with field paths when it is invalid. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, opts: { maxBytes?: number } = {}): Promise<z.infer<S>> {
  const bytes = await readBodyBytes(req, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  let data: unknown;
  try {
    data = bytes.byteLength ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (data === undefined) throw new AppError('invalid_json', 'The request body is empty; send a JSON object.');
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw errors.validation(parsed.error);
  return parsed.data;
}

export function parseSearchParams<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw errors.validation(parsed.error, 'Some query parameters are not valid.');
  return parsed.data;
}

export function parseParams<S extends z.ZodType>(params: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw errors.notFound('Resource');
  return parsed.data;
}
