import type { FastifyReply, FastifyRequest } from 'fastify';
import { findIllFormedText } from '../well-formed-text.ts';
import { badRequest } from './problems.ts';

/**
 * The text rule (src/well-formed-text.ts) at the API's door: every string in the body, the
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
