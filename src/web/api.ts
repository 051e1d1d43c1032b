/**
 * The web app's only door to the server: same-origin fetches under /api with the session
 * cookie, and RFC 9457 problem responses turned into `ApiError`s that name the field.
 */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  hint?: string;
  rule?: string;
  citations?: { text: string }[];
  errors?: { field?: string; path?: string; problem?: string; message?: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** One message per field the server complained about, for an error summary. */
  fieldErrors(): { field: string; message: string }[] {
    const listed = (this.problem.errors ?? []).map((e) => ({
      field: e.field ?? e.path ?? '',
      message: e.problem ?? e.message ?? this.message,
    }));
    if (listed.length > 0) return listed;
    return [{ field: this.problem.field ?? '', message: this.message }];
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...rest,
    headers: {
      accept: 'application/json, application/problem+json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Problem);
  return body as T;
}

/** `?a=1&b=2` from the defined values only. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
