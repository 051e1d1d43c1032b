import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { decisions } from '../law/kinds/decision.ts';
import { verifyAudit } from '../store/audit.ts';
import { signedInBy, startSession, tokenHash } from '../store/sessions.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { findUserByEmail } from '../store/users.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { signInAccounts } from './test-accounts.ts';
import { generatedClient } from './test-client.ts';

/**
 * Drives every operation in /openapi.json with hostile values — NUL, lone surrogates, control
 * characters, huge and odd numbers, wrong types, deep nesting, extreme dates — as an
 * administrator (so requests get past sign-in to the handlers) and as nobody. Asserts that no
 * request gives a 5xx, every error is a problem response, and the audit chain still verifies.
 * The cases are seeded (test/setup.ts) and bounded, so the run is the same every time.
 */
const casesPerOperation = 16;

/** The characters the review found breaking things come up often; the rest of the zoo less so. */
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '\u001b[2J',
      'line\r\nbreak',
      '',
      ' ',
      '%',
      '%00',
      '../../etc/passwd',
      "' or 1=1 --",
      '0000-01-01',
      '9999-12-31',
      '-271821-04-20',
      '275760-09-13',
      '2021-13-01',
      '2024-02-30',
      'NaN',
      '-0',
      '1e309',
      '99999999999999999999999999',
      '-9223372036854775809',
      'QUA',
      'icb',
      'administrator',
      '\u202eevil',
      '👩‍⚕️',
    ),
  },
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(4000)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const deep = fc.nat({ max: 400 }).map((n) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 4, arbitrary: hostileString },
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    deep,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

interface Operation {
  method: string;
  path: string;
  params: { in: string; name: string }[];
  bodyFields: string[];
  hasBody: boolean;
}

function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
  >;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const schema = (op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })
        ?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodyFields: Object.keys(schema?.properties ?? {}),
        hasBody: op.requestBody !== undefined,
      };
    }),
  );
}

/** Percent-encodes anything, lone surrogates included (as the invalid UTF-8 a careless client would send). */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...text].map((ch) => (/\p{Cs}/u.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

/** Values that pass validation, so that one hostile value among them reaches the handler and the database. */
const plausibleParams: Record<string, string> = {
  code: 'QUA',
  icb: 'QUA',
  kind: 'icb',
  on: '2026-08-01',
  q: 'black',
  limit: '10',
  entity: 'arrangement',
  entity_id: 'x',
  after: '0',
  year: '2025-26',
  years: '2',
  explain: 'false',
};

/** Every path to a leaf of a JSON value. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

/**
 * A request for `op`: each parameter plausible, hostile or absent; the body a valid example with
 * one leaf made hostile, or hostile as a whole or field by field.
 */
function requestFor(op: Operation, examples: Record<string, unknown>) {
  const example = examples[`${op.method} ${op.path}`];
  const exampleLeaves = example === undefined ? [] : leaves(example);
  const mutatedExample =
    example === undefined
      ? hostileValue
      : fc
          .tuple(fc.constantFrom(...exampleLeaves), hostileValue)
          .map(([path, by]) => replaced(example, path, by));
  const param = (name: string) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(plausibleParams[name] ?? 'x') },
      { weight: 2, arbitrary: hostileString },
      hostileValue,
      fc.constant(null),
    );
  return fc.record({
    params: fc.tuple(...op.params.map((p) => param(p.name))),
    body: fc.oneof(
      { weight: 3, arbitrary: mutatedExample },
      op.bodyFields.length
        ? fc.dictionary(fc.constantFrom(...op.bodyFields), hostileValue)
        : fc.option(hostileValue),
      hostileValue,
    ),
    anonymous: fc.nat({ max: 4 }).map((n) => n === 0),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
  });
}

const reason = 'fuzz';

/** A valid body for the main writes, and a stored arrangement for the operations on one. */
async function validExamples(app: Api, token: string): Promise<Record<string, unknown>> {
  const arrangement = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
  const created = await generatedClient(
    () => app,
    () => token,
  ).POST('/api/arrangements', { body: { arrangement, reason } });
  expect(created.response.status).toBe(201);
  plausibleParams.id = created.data?.id ?? '';
  const contract = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
  return {
    'POST /api/auth/login': { email: 'admin@example.nhs.uk', password: 'a long test password' },
    'POST /api/users': {
      email: 'new@example.nhs.uk',
      name: 'New',
      password: 'a long test password',
      roles: [{ role: 'viewer', organisation: 'QUA' }],
      reason,
    },
    'POST /api/arrangements': { arrangement, reason },
    'PUT /api/arrangements/{id}': { version: 1, arrangement, reason },
    'POST /api/arrangements/{id}/decisions': {
      decision: decisions[0],
      subject: 'a subcontract',
      outcome: 'approved',
      reason,
      on: '2026-08-01',
    },
    'POST /api/contracts': { contract, reason },
    'POST /api/contracts/replay': contract,
  };
}

describeOnBothDatabases('hostile-input fuzz over every operation', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();

  /** Signing out with the administrator's token, or revoking it, ends it: the next case gets a new one. */
  async function renewIfEnded(held: Map<string, string>): Promise<void> {
    if (await signedInBy(store().db, tokenHash(held.get('admin') ?? ''))) return;
    const admin = await findUserByEmail(store().db, 'admin@example.nhs.uk');
    held.set('admin', (await startSession(store().db, admin?.id ?? 0, 'bearer', 1)).token);
  }

  it('gives no 5xx, only problem responses, and leaves the audit chain intact', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), [{ key: 'admin', role: 'administrator', organisation: null }], tokens);
    const operations = operationsOf((await app.inject({ url: '/openapi.json' })).json());
    const examples = await validExamples(app, tokens.get('admin') ?? '');
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op, examples), async ({ params, body, anonymous, contentType }) => {
          let url = op.path;
          const query: string[] = [];
          op.params.forEach((p, i) => {
            const v = params[i];
            if (p.in === 'path') url = url.replace(`{${p.name}}`, v === null ? 'x' : encode(v));
            else if (p.in === 'query' && v !== null) query.push(`${p.name}=${encode(v)}`);
          });
          if (query.length) url += `?${query.join('&')}`;
          const payload = body === null || !['POST', 'PUT', 'PATCH'].includes(op.method) ? undefined : body;
          const response = await app.inject({
            method: op.method as 'GET',
            url,
            headers: {
              ...(anonymous ? {} : { authorization: `Bearer ${tokens.get('admin')}` }),
              ...(payload === undefined ? {} : { 'content-type': contentType }),
            },
            ...(payload === undefined
              ? {}
              : {
                  payload:
                    contentType === 'application/json' || typeof payload !== 'string'
                      ? JSON.stringify(payload)
                      : payload,
                }),
          });
          const bad =
            response.statusCode >= 500 ||
            (response.statusCode >= 400 && !/problem\+json/.test(String(response.headers['content-type'])));
          if (bad)
            failures.push(`${op.method} ${url} → ${response.statusCode} ${response.body.slice(0, 300)}`);
          await renewIfEnded(tokens);
        }),
        { numRuns: casesPerOperation },
      );
    }
    expect(failures).toEqual([]);
    expect(await verifyAudit(store().db)).toMatchObject({ intact: true });
  }, 300_000);
});
