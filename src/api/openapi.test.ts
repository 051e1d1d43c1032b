import { createConfig, lintFromString } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { describeApi } from './describe.ts';
import { completeDocument, errorStatuses } from './openapi.ts';

type Operation = {
  operationId?: string;
  security?: unknown[];
  tags?: string[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, { $ref?: string }>;
};

describe('the OpenAPI document', () => {
  let document: Record<string, unknown>;
  let operations: [string, Operation][];
  beforeAll(async () => {
    document = await describeApi();
    const paths = document.paths as Record<string, Record<string, Operation>>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );
    // Building the app and its document takes seconds on a busy machine.
  }, 120_000);

  it("passes Redocly's recommended lint with no errors or warnings", { timeout: 120_000 }, async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        'operation-operationId': 'error',
        'operation-4xx-response': 'error',
        'security-defined': 'error',
      },
    });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    ).toEqual([]);
  });

  it('names every operation once, and tags it with a declared capability', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set((document.tags as { name: string }[]).map((t) => t.name));
    expect(operations.filter(([, op]) => !op.tags?.every((t) => tags.has(t))).map(([at]) => at)).toEqual([]);
  });

  it('declares sign-in and health public, and every other operation signed in', () => {
    const open = operations.filter(([, op]) => op.security?.length === 0).map(([at]) => at);
    expect(open.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
    expect(document.security).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it('documents every error as an RFC 9457 problem', () => {
    for (const [at, op] of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length, at).toBeGreaterThan(0);
      for (const [status, response] of errors)
        expect(response.$ref, `${at} ${status}`).toBe(`#/components/responses/Problem${status}`);
    }
    const problem = (document.components as { schemas: Record<string, { required: string[] }> }).schemas
      .Problem;
    expect(problem?.required).toEqual(['type', 'title', 'status', 'detail']);
  });

  it('holds each recursive schema once, as a named component', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    const schemas = Object.keys((document.components as { schemas: object }).schemas);
    expect(refs.filter((r) => !schemas.includes(r as string))).toEqual([]);
    expect(schemas).toEqual(expect.arrayContaining(['OrganisationTreeNode', 'Trace']));
  });

  it('gives an example for every request body', () => {
    const without = operations
      .filter(([, op]) => op.requestBody)
      .filter(([, op]) => {
        const media = op.requestBody?.content['application/json'];
        return !media?.example && !media?.examples;
      })
      .map(([at]) => at);
    expect(without).toEqual([]);
  });

  it('gives only examples the server accepts as valid', { timeout: 120_000 }, async () => {
    const app = await buildApp({ store: { engine: 'pglite' } as never });
    const paths = document.paths as Record<string, Record<string, Operation>>;
    const invalid: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const example = op.requestBody?.content['application/json']?.example;
        if (example === undefined) continue;
        // Accounts and party changes are numbered; everything else has a text id.
        const id = path.startsWith('/api/users/') ? '1' : 'x';
        const url = path
          .replace('{icb}', 'QUA')
          .replace('{id}', id)
          .replace(/\{\w+\}/g, '1');
        const answer = await app.inject({
          method: method.toUpperCase() as 'POST',
          url,
          payload: example as object,
        });
        // Unsigned, a valid body is refused for want of a user (401) or a database (500), never as invalid.
        if (answer.statusCode === 400) invalid.push(`${method} ${path}: ${answer.json().detail}`);
      }
    }
    await app.close();
    expect(invalid).toEqual([]);
  });
});

describe('error statuses for an operation', () => {
  it('follow from what it takes and how it is protected', () => {
    expect(errorStatuses({ operationId: 'signIn', security: [] })).toEqual([400, 401, 429]);
    expect(errorStatuses({ operationId: 'x', parameters: [{ in: 'path' }] })).toEqual([400, 401, 403, 404]);
    expect(
      errorStatuses({
        operationId: 'recordContractEvent',
        requestBody: { content: { 'application/json': { schema: { properties: { version: {} } } } } },
      }),
    ).toEqual([400, 401, 403, 409, 422]);
  });

  it('refuse a document with an unnamed operation', () => {
    expect(() => completeDocument({ paths: { '/a': { get: { responses: {} } } } })).toThrow(
      'GET /a has no operationId',
    );
  });
});
