import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpProblem } from './problems.ts';

/** The `If-Match` request header of a versioned resource's replace (RFC 9110 §13.1.1). */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag of the version you edited, e.g. "3" (from GET); 412 if it is no longer current.'),
});

/**
 * Refuses with 412 when the request carries an `If-Match` that names no current version:
 * the conventional HTTP form of the `version` field, for clients that keep the ETag.
 */
export function requireMatch(request: FastifyRequest, current: number): void {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(`"${current}"`)) return;
  throw new HttpProblem({
    type: 'https://concordat.example/problems/precondition-failed',
    title: 'Someone else changed this first',
    status: 412,
    detail: `If-Match ${header} is not the current version "${current}": fetch it again, reapply your change and send its ETag.`,
    current_version: current,
  });
}
