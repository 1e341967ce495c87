type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls a route handler in-process with a real Request, as Next would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any response shape
export async function call<T = any>(
  handler: unknown,
  opts: {
    method?: string;
    path?: string;
    body?: unknown;
    rawBody?: string;
    cookie?: string;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
): Promise<CallResult<T>> {
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set('cookie', opts.cookie);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  const req = new Request(`http://localhost${opts.path ?? '/'}`, { method: opts.method ?? 'GET', headers, body });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
