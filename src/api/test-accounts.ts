import type { Role } from '../core/roles.ts';
import type { Store } from '../store/db.ts';
import { startSession } from '../store/sessions.ts';
import { createUser } from '../store/users.ts';
import type { Api } from './context.ts';
import { type ApiClient, generatedClient } from './test-client.ts';

/** A test account: `key` names it in the test, with one role for one organisation (or England). */
export interface TestAccount {
  key: string;
  role: Role;
  organisation: string | null;
}

/** Creates each account and starts a bearer session for it, adding its token to `tokens` by key. */
export async function signInAccounts(
  store: Store,
  accounts: readonly TestAccount[],
  tokens: Map<string, string>,
): Promise<void> {
  for (const { key, role, organisation } of accounts) {
    const user = await createUser(
      store.db,
      {
        email: `${key}@example.nhs.uk`,
        name: key,
        password: 'a long test password',
        roles: [{ role, organisation }],
      },
      { userId: null, label: 'test' },
      'test',
    );
    tokens.set(key, (await startSession(store.db, user.id, 'bearer', 1)).token);
  }
}

/** A generated client for each test account, by its key in `tokens`; a key with no token calls anonymously. */
export function clientsFor(app: () => Api, tokens: Map<string, string>): (who: string) => ApiClient {
  const clients = new Map<string, ApiClient>();
  return (who) => {
    const known = clients.get(who);
    if (known) return known;
    const client = generatedClient(app, () => tokens.get(who));
    clients.set(who, client);
    return client;
  };
}

/** What a request outside the document got back: status, parsed JSON body (if any) and headers. */
export interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * Sends, as a test account, a request the OpenAPI document forbids (a wrong type, a missing
 * or unknown field, hostile text), which the generated client would refuse to compile.
 * Everything else goes through `clientsFor`.
 */
export function callOutsideDocument(app: () => Api, tokens: Map<string, string>) {
  return async (who: string, method: string, url: string, payload?: unknown): Promise<Answer> => {
    const token = tokens.get(who);
    const response = await app().inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.statusCode,
      body: response.body ? JSON.parse(response.body) : undefined,
      headers: response.headers,
    };
  };
}

/** One endpoint in an authorisation matrix: the request to make and the status each caller should get. */
export interface MatrixRow {
  name: string;
  /** Status by caller; a caller not named gets 200, and `anonymous` (no token) 401. */
  expect: Partial<Record<string, number>>;
  /** The request, through the generated client: a row the OpenAPI document does not describe fails to compile. */
  request: (api: ApiClient) => Promise<{ response: Response; data?: unknown; error?: unknown }>;
}

/**
 * Every cell of the matrix that answered otherwise than expected, as readable lines (empty
 * when all is well). Every refusal must also be an RFC 9457 problem.
 */
export async function matrixMismatches(
  rows: readonly MatrixRow[],
  callers: readonly string[],
  as: (who: string) => ApiClient,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const row of rows) {
    for (const who of callers) {
      const expected = who === 'anonymous' ? 401 : (row.expect[who] ?? 200);
      const { response, data, error } = await row.request(as(who));
      if (response.status !== expected)
        wrong.push(
          `${row.name} as ${who}: ${response.status}, expected ${expected} (${JSON.stringify(error ?? data)?.slice(0, 200)})`,
        );
      else if (
        response.status >= 400 &&
        !/application\/problem\+json/.test(response.headers.get('content-type') ?? '')
      )
        wrong.push(`${row.name} as ${who}: ${response.status} is not a problem response`);
    }
  }
  return wrong;
}
