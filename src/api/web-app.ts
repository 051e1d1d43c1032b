import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
// For `schema.hide`: the web app's addresses stay out of the OpenAPI description.
import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Where `vite build` puts the web app (src/web/vite.config.ts); scripts/ensure-ready.mjs builds it. */
export const webBuildDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Serves the built web app at `/`: its files as they are (hashed assets cached for a year),
 * and `index.html` for any other address outside `/api`, so the app's own links and the
 * back button work. Addresses under `/api` that match no route stay 404 problems.
 * Does nothing when the web app has not been built, so the API runs on its own.
 */
export async function registerWebApp(app: FastifyInstance, dir: string = webBuildDir): Promise<boolean> {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    schemaHide: true,
    // The build writes .br and .gz copies of its text files (src/web/vite.config.ts).
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return true;
}
