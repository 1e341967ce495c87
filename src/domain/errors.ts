import type { z } from 'zod';

/**
 * Expected errors: the user sees the message. Anything that is not an AppError is unexpected:
 * it is logged with context and the user sees a generic message and a request id.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'invalid_document'
  | 'rate_limited'
  /** A loyalty spend larger than the spendable balance: refused, never overdrawn. */
  | 'insufficient_points'
  /** A wrong PIN (details.triesLeft), or none sent, or one that confirmed another redemption. */
  | 'pin_invalid'
  /** The PIN's 10 minutes or 5 tries are over: text a new one. */
  | 'pin_expired'
  /** A coupon used before (by another order or call), expired, or given back. */
  | 'coupon_used'
  | 'coupon_expired'
  | 'coupon_cancelled'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  invalid_document: 422,
  rate_limited: 429,
  insufficient_points: 409,
  pin_invalid: 422,
  pin_expired: 410,
  coupon_used: 409,
  coupon_expired: 410,
  coupon_cancelled: 409,
  internal: 500,
};

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export const errors = {
  badRequest: (message: string, details?: unknown) => new AppError('bad_request', message, details),
  unauthenticated: (message = 'Sign in to continue.') => new AppError('unauthenticated', message),
  forbidden: (message = 'Your role does not allow this.') => new AppError('forbidden', message),
  notFound: (what: string, id?: string) => new AppError('not_found', `${what} not found.`, id ? { id } : undefined),
  conflict: (message: string, details?: unknown) => new AppError('conflict', message, details),
  validation: (error: z.ZodError, message = 'Some fields are not valid.') => new AppError('validation_failed', message, { issues: issuesOf(error) }),
  invalidDocument: (docPath: string, error: z.ZodError) =>
    new AppError('invalid_document', `The document at ${docPath} does not match its schema.`, { path: docPath, issues: issuesOf(error) }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', `Too many requests; retry after ${retryAfterSeconds} s.`, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) }),
};

/** A stored document failed its schema on read: a data bug, never the user's fault. */
export class DataIntegrityError extends Error {
  constructor(
    readonly docPath: string,
    readonly issues: FieldIssue[],
  ) {
    super(`Stored document ${docPath} does not match its schema: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'DataIntegrityError';
  }
}
