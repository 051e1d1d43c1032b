import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { callAs, signInAccounts } from '../test-accounts.ts';

describeOnBothDatabases('audit checkpoints over the API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const call = callAs(() => app, tokens);

  it('signs a checkpoint as changes are made, exports it with the public key, and verifies against it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    app = await buildApp({ store: store(), auditKey: privateKey, checkpointEvery: 1 });
    await signInAccounts(
      store(),
      [
        { key: 'admin', role: 'administrator', organisation: null },
        { key: 'viewer', role: 'viewer', organisation: 'QUA' },
      ],
      tokens,
    );
    const created = await call('admin', 'POST', '/api/users', {
      email: 'new@example.nhs.uk',
      name: 'New',
      password: 'a long test password',
      roles: [{ role: 'viewer', organisation: 'QUA' }],
      reason: 'joins',
    });
    expect(created.status).toBe(201);
    const exported = await call('admin', 'GET', '/api/audit/checkpoints');
    expect(exported.body.public_key).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(exported.body.items.length).toBeGreaterThan(0);
    expect(exported.body.items.at(-1).seq).toBe(
      Math.max(...exported.body.items.flatMap((c: { records: [number][] }) => c.records.map(([s]) => s))),
    );
    expect((await call('admin', 'GET', '/api/audit/verify')).body).toMatchObject({
      intact: true,
      signatures: 'verified',
      checkpoints: exported.body.items.length,
    });
    expect((await call('viewer', 'GET', '/api/audit/checkpoints')).status).toBe(403);
  });
});
