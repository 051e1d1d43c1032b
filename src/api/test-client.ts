import createClient from 'openapi-fetch';
import type { paths } from '../web/openapi.generated.ts';
import type { Api } from './context.ts';

/** What the client is called from: the caller's network address (sign-in limits count by it). */
export interface ClientOrigin {
  remoteAddress?: string;
}

/**
 * The client an integrator would generate (openapi-typescript types, openapi-fetch calls),
 * answering through `app.inject` instead of a socket. Tests written with it compile only
 * while the OpenAPI document describes what they send and read.
 */
export function generatedClient(app: () => Api, token?: () => string | undefined, origin: ClientOrigin = {}) {
  return createClient<paths>({
    baseUrl: 'http://concordat.test',
    fetch: async (request: Request) => {
      const bearer = token?.();
      const body = await request.text();
      const sent: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        sent[name] = value;
      });
      const answer = await app().inject({
        method: request.method as 'GET',
        url: request.url.slice('http://concordat.test'.length),
        headers: {
          // What fetch would send to the server at baseUrl.
          host: 'concordat.test',
          ...sent,
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body ? { payload: body } : {}),
        ...origin,
      });
      const headers = new Headers();
      for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) headers.set(k, String(v));
      // The raw bytes, so a PDF or a workbook reaches the caller as the server sent it.
      return new Response(answer.statusCode === 204 ? null : new Uint8Array(answer.rawPayload), {
        status: answer.statusCode,
        headers,
      });
    },
  });
}

/** A generated client, typed by the OpenAPI document. */
export type ApiClient = ReturnType<typeof generatedClient>;
