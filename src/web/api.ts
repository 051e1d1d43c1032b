/**
 * The web app's only door to the server: same-origin calls under /api with the session
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

/** Every item of a paged list (docs/api.md, "Lists"): asks for the next page until `next_cursor` is null. */
export async function everyPage<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.next_cursor ?? undefined;
  } while (cursor);
  return items;
}
