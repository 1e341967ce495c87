/** Browser-side JSON calls to our API; errors come back in the one shape every route uses. */
export interface ApiErrorShape {
  code: string;
  message: string;
  details?: { issues?: Array<{ path: string; message: string }> } & Record<string, unknown>;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorShape,
  ) {
    super(body.message);
  }
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.body.details?.issues ?? []) out[i.path] ??= i.message;
    return out;
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const body = (data as { error?: ApiErrorShape } | undefined)?.error ?? { code: 'http_error', message: `Request failed (${res.status}).` };
    if (res.status === 401 && typeof window !== 'undefined') {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- an expired session reloads the app at sign-in, dropping its cached pages
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    }
    throw new ApiError(res.status, body);
  }
  return data as T;
}
