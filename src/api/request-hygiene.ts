import type { FastifyReply, FastifyRequest } from 'fastify';
import { findIllFormedText } from '../core/well-formed-text.ts';
import { sessionCookie } from './auth.ts';
import { badRequest, forbidden } from './problems.ts';

/**
 * The text rule (src/core/well-formed-text.ts) at the API's door: every string in the body, the
 * query string and the path, before any schema or handler sees it. Bodies may hold running
 * text with tab and newline; query strings and path parameters may not.
 */
export function refuseIllFormedText(request: FastifyRequest): void {
  const found =
    findIllFormedText(request.params, 'params', { allowLineBreaks: false }) ??
    findIllFormedText(request.query, 'querystring', { allowLineBreaks: false }) ??
    findIllFormedText(request.body, 'body', { allowLineBreaks: true });
  if (found) throw badRequest([found]);
}

/** One line per request: who, what, the answer and how long it took (never headers or bodies). */
export function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info(
    {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      user: request.user?.id,
    },
    'request',
  );
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a state-changing request whose Origin (or, failing that,
 * Referer) is another site's is refused. A request signed in by the session cookie must say
 * where it comes from, as browsers do; systems using a bearer token send neither and need not.
 * SameSite=Strict cookies already stop most forgery; this does not rest on them alone.
 */
export function refuseCrossSite(request: FastifyRequest): void {
  if (safeMethods.has(request.method) || !request.url.startsWith('/api/')) return;
  const from = request.headers.origin ?? request.headers.referer;
  const host = request.headers.host;
  if (from === undefined) {
    const bearer = request.headers.authorization?.startsWith('Bearer ');
    if (request.cookies[sessionCookie] && !bearer) {
      throw forbidden(
        'A change made with a signed-in browser session must come from this site (no Origin or Referer was sent).',
      );
    }
    return;
  }
  let fromHost: string | undefined;
  try {
    fromHost = new URL(from).host;
  } catch {}
  if (fromHost !== host) {
    throw forbidden(`Changes are accepted only from this site, not from ${from.slice(0, 100)}.`);
  }
}

/** Answers from the API are never kept by browsers or proxies: they can hold personal and commercial data. */
export function noStore(request: FastifyRequest, reply: FastifyReply): void {
  if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
}
