import { ZodError } from 'zod';
import { AppError, errors } from '@/domain/errors';
import type { Logger } from '../log';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/**
 * The one mapping from a thrown error to JSON. Expected errors carry their message; anything
 * else is logged with context and answered with a generic 500 and the request id.
 */
export function errorResponse(err: unknown, requestId: string, log: Logger): Response {
  const appError = err instanceof AppError ? err : err instanceof ZodError ? errors.validation(err) : undefined;
  if (appError) {
    if (appError.status >= 500) log.error({ err: appError }, appError.message);
    else log.info({ code: appError.code, status: appError.status }, appError.message);
    const body: ErrorBody = { error: { code: appError.code, message: appError.message, requestId } };
    if (appError.details !== undefined) body.error.details = appError.details;
    return Response.json(body, { status: appError.status, headers: { 'x-request-id': requestId, ...appError.headers } });
  }
  log.error({ err }, 'unexpected error');
  const body: ErrorBody = {
    error: { code: 'internal', message: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`, requestId },
  };
  return Response.json(body, { status: 500, headers: { 'x-request-id': requestId } });
}
