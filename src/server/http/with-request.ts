import { randomUUID } from 'node:crypto';
import { lazyChild, logger, type Logger } from '../log';
import { errorResponse } from './errors';

export interface RequestContext {
  requestId: string;
  log: Logger;
}

export type RouteSegment<P> = { params: Promise<P> };

export function requestIdOf(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given && /^[A-Za-z0-9._:-]{8,100}$/.test(given) ? given : randomUUID();
}

/**
 * Wraps a route handler: gives it a request id and a logger, turns thrown errors into the one
 * JSON error shape, and serialises plain return values as JSON.
 */
export function withRequest<P = Record<string, never>>(handler: (req: Request, rc: RequestContext, params: P) => Promise<Response | unknown>) {
  return async (req: Request, segment?: RouteSegment<P>): Promise<Response> => {
    const requestId = requestIdOf(req);
    const url = new URL(req.url);
    // Made when it first writes (log.ts, lazyChild): most requests write nothing.
    const log = lazyChild(logger(), { requestId, method: req.method, path: url.pathname });
    try {
      const params = ((await segment?.params) ?? {}) as P;
      const result = await handler(req, { requestId, log }, params);
      const res = result instanceof Response ? result : Response.json(result ?? { ok: true });
      res.headers.set('x-request-id', requestId);
      return res;
    } catch (err) {
      return errorResponse(err, requestId, log);
    }
  };
}
