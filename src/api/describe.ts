import { buildApp } from './app.ts';

/**
 * The OpenAPI document, built from the routes alone: the app is assembled but never
 * listens, and a route that touched the database while being described would fail loudly.
 */
export async function describeApi(): Promise<Record<string, unknown>> {
  const noDatabase = new Proxy(
    {},
    {
      get(_, key) {
        throw new Error(`describing the API must not use the database (store.${String(key)})`);
      },
    },
  );
  const app = await buildApp({ store: noDatabase as never });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}
