import type { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { readBodyBytes } from './parse';

/** Like parseJsonBody, but an empty body means {} (for actions whose options are all optional). */
export async function parseOptionalJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const bytes = await readBodyBytes(req, maxBytes);
  const text = new TextDecoder().decode(bytes).trim();
  let data: unknown = {};
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError('invalid_json', 'The request body is not valid JSON.');
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw errors.validation(parsed.error);
  return parsed.data;
}
