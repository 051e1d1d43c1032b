import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/api/app.ts';
import { registerWebApp } from '../src/api/web-app.ts';
import { type Role, roles } from '../src/core/roles.ts';
import { listArrangements } from '../src/store/arrangements.ts';
import { openStore } from '../src/store/db.ts';
import { type DemoAccount, seedDemo } from '../src/store/demo.ts';
import { importRegistry } from '../src/store/reference/import.ts';
import { readNhsRegistry } from '../src/system/nhs-registry.ts';

export interface RunningServer {
  url: string;
  /** The demo's account for each role. */
  accounts: Record<Role, DemoAccount>;
  arrangementId: string;
  stop(): Promise<void>;
}

/**
 * The real server (the API with the built web app, as `concordat start` serves it) on an
 * ephemeral port, over an embedded PGlite database in a temporary folder holding the real
 * NHS registry from data/nhs and the demo: NHS Black Country ICB with its four places, an
 * account per role and the Dudley place arrangement.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concordat-e2e-'));
  const store = await openStore({ dataDir: join(dataDir, 'pgdata') });
  await importRegistry(store.db, readNhsRegistry(), { userId: null, label: 'browser test' });
  const accounts = await seedDemo(store.db);
  const account = (role: Role): [Role, DemoAccount] => {
    const found = accounts.find((a) => a.role === role);
    if (!found) throw new Error(`the demo has no ${role} account`);
    return [role, found];
  };
  const [arrangement] = await listArrangements(store.db);
  if (!arrangement) throw new Error('the demo has no arrangement');

  const app = await buildApp({ store });
  await registerWebApp(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server did not report its port');
  return {
    // localhost rather than 127.0.0.1: browsers keep Secure cookies on http://localhost.
    url: `http://localhost:${address.port}`,
    accounts: Object.fromEntries(roles.map(account)) as Record<Role, DemoAccount>,
    arrangementId: arrangement.id,
    async stop() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
