import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import { clientsFor, signInAccounts } from '../test-accounts.ts';

describeOnBothDatabases('audit checkpoints over the API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);

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
    const created = await as('admin').POST('/api/users', {
      body: {
        email: 'new@example.nhs.uk',
        name: 'New',
        password: 'a long test password',
        roles: [{ role: 'viewer', organisation: 'QUA' }],
        reason: 'joins',
      },
    });
    expect(created.response.status).toBe(201);
    const exported = (await as('admin').GET('/api/audit/checkpoints')).data;
    expect(exported?.public_key).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    const checkpoints = exported?.items ?? [];
    expect(checkpoints.length).toBeGreaterThan(0);
    // openapi-fetch reads a [seq, hash] tuple as an array of either, so the seq is taken as a number.
    const seqs = checkpoints.flatMap((c) => c.records.map(([seq]) => Number(seq)));
    expect(checkpoints.at(-1)?.seq).toBe(Math.max(...seqs));
    expect((await as('admin').GET('/api/audit/verify')).data).toMatchObject({
      intact: true,
      signatures: 'verified',
      checkpoints: checkpoints.length,
    });
    expect((await as('viewer').GET('/api/audit/checkpoints')).response.status).toBe(403);
  });
});
