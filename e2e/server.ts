import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/api/app.ts';
import { registerWebApp } from '../src/api/web-app.ts';
import { readArrangementFile } from '../src/law/arrangement-file.ts';
import { createArrangement } from '../src/store/arrangements.ts';
import { openStore } from '../src/store/db.ts';
import { importRegistry } from '../src/store/reference/import.ts';
import { readNhsRegistry } from '../src/store/reference/nhs-registry.ts';
import type { Role } from '../src/store/schema.ts';
import { createUser } from '../src/store/users.ts';

export interface Account {
  email: string;
  password: string;
  role: Role;
  organisation: string;
}

export interface RunningServer {
  url: string;
  accounts: Record<'commissioner' | 'provider', Account>;
  arrangementId: string;
  stop(): Promise<void>;
}

const system = { userId: null, label: 'browser test' };

/**
 * The real server (the API with the built web app) on an ephemeral port, over an embedded
 * PGlite database in a temporary folder holding the real NHS registry from data/nhs, two
 * accounts (an NHS Black Country ICB commissioner and a Dudley provider trust) and the
 * Black Country Dudley place arrangement from examples/.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concordat-e2e-'));
  const store = await openStore({ dataDir: join(dataDir, 'pgdata') });
  await importRegistry(store.db, readNhsRegistry('data/nhs'), system);

  const accounts = {
    commissioner: {
      email: 'commissioner@e2e.test',
      password: 'commissioner-e2e-pass',
      role: 'commissioner',
      organisation: 'QUA',
    },
    provider: {
      email: 'provider@e2e.test',
      password: 'provider-e2e-pass',
      role: 'provider',
      organisation: 'RNA',
    },
  } as const satisfies Record<string, Account>;
  for (const [name, a] of Object.entries(accounts)) {
    await createUser(
      store.db,
      {
        email: a.email,
        name: `Test ${name}`,
        password: a.password,
        roles: [{ role: a.role, organisation: a.organisation }],
      },
      system,
      'Browser test account',
    );
  }
  const example = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
  const stored = await createArrangement(store.db, example, system, 'Browser test arrangement');

  const app = await buildApp({ store });
  await registerWebApp(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server did not report its port');
  return {
    // localhost rather than 127.0.0.1: browsers keep Secure cookies on http://localhost.
    url: `http://localhost:${address.port}`,
    accounts,
    arrangementId: stored.id,
    async stop() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
