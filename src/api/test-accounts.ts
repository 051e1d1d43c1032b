import type { Store } from '../store/db.ts';
import type { Role } from '../store/schema.ts';
import { createUser, startSession } from '../store/users.ts';

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
