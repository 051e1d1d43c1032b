import createClient from 'openapi-fetch';
import type { paths } from '../web/openapi.generated.ts';
import type { Api } from './context.ts';

/**
 * The client an integrator would generate (openapi-typescript types, openapi-fetch calls),
 * answering through `app.inject` instead of a socket. Tests written with it compile only
 * while the OpenAPI document describes what they send and read.
 */
export function generatedClient(app: () => Api, token?: () => string | undefined) {
  return createClient<paths>({
    baseUrl: 'http://concordat.test',
    fetch: async (request: Request) => {
      const bearer = token?.();
      const body = await request.text();
      const answer = await app().inject({
        method: request.method as 'GET',
        url: request.url.slice('http://concordat.test'.length),
        headers: {
          // What fetch would send to the server at baseUrl.
          host: 'concordat.test',
          ...Object.fromEntries(request.headers),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body ? { payload: body } : {}),
      });
      const headers = new Headers();
      for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) headers.set(k, String(v));
      return new Response(answer.statusCode === 204 ? null : answer.body, {
        status: answer.statusCode,
        headers,
      });
    },
  });
}
