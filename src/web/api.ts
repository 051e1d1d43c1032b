/**
 * The web app's only door to the server: same-origin fetches under /api with the session
 * cookie, and RFC 9457 problem responses turned into `ApiError`s that name the field.
 * Calls go through `client`, typed by the client generated from the server's OpenAPI
 * document (openapi.generated.ts, written by `npm run openapi`), so a page that sends or
 * reads what the server does not describe fails to compile.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './openapi.generated.ts';

/** An RFC 9457 problem, as the OpenAPI document describes it; `{}` when the server sent none. */
export type Problem = Partial<components['schemas']['Problem']>;

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
    const listed = (this.problem.errors ?? []).map((e) => ({ field: e.field, message: e.problem }));
    if (listed.length > 0) return listed;
    return [{ field: '', message: this.message }];
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

/** The typed client: `apiClient.GET('/api/organisations', { params: { query: { q } } })`. */
export const apiClient = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { accept: 'application/json, application/problem+json' },
});

/** The answer's data, or an `ApiError` carrying the problem the server sent. */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error ?? {}) as Problem);
  return data as T;
}
