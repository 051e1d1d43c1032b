import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Role } from '../core/roles.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { signInAccounts } from './test-accounts.ts';

// The Dudley example up to mobilisation with a subcontract proposed: the next steps are decisions.
const file = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
const upTo = file.events.findIndex((e: { type: string }) => e.type === 'subcontract-approved');
const contract = { particulars: file.particulars, events: file.events.slice(0, upTo) };
const approve = {
  on: '2020-01-06',
  type: 'subcontract-approved',
  subcontract: 'talking-therapies',
  direct_agreement_required: true,
};
const terminate = {
  on: '2021-01-04',
  type: 'commissioner-termination',
  scope: 'contract',
  ground: 'quality',
  effective: '2022-01-04',
};

describeOnBothDatabases('contracts API', (store) => {
  let app: Api;
  const tokens = new Map<Role, string>();
  const call = async (who: Role, url: string, payload: unknown) => {
    const response = await app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${tokens.get(who)}` },
    });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };

  it('starts with a commissioner, a provider and a viewer', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(
      store(),
      (['commissioner', 'provider', 'viewer'] as const).map((role) => ({
        key: role,
        role,
        organisation: null,
      })),
      tokens,
    );
  });

  it('replays a contract for any signed-in role', async () => {
    const r = await call('viewer', '/api/contracts/replay', { contract, on: '2020-01-01' });
    expect(r.status).toBe(200);
    expect(r.body.state.phase).toBe('mobilising');
    expect(r.body.state.subcontracts['talking-therapies'].status).toBe('proposed');
  });

  it('lets a commissioner approve a subcontract', async () => {
    const r = await call('commissioner', '/api/contracts/events', {
      contract,
      event: { ...approve, by: 'commissioner' },
    });
    expect(r.status).toBe(200);
    expect(r.body.state.subcontracts['talking-therapies'].status).toBe('awaiting-direct-agreement');
  });

  it('refuses a provider approving a subcontract or terminating, naming the rule', async () => {
    const asCommissioner = await call('provider', '/api/contracts/events', {
      contract,
      event: { ...approve, by: 'commissioner' },
    });
    expect(asCommissioner.status).toBe(403);
    const asProvider = await call('provider', '/api/contracts/events', {
      contract,
      event: { ...approve, by: 'provider' },
    });
    expect(asProvider.status).toBe(403);
    expect(asProvider.body.rule).toBe('system.decision.approve-subcontract');
    const live = {
      particulars: file.particulars,
      events: file.events.filter((e: { on: string }) => e.on <= '2020-12-31'),
    };
    const ends = await call('provider', '/api/contracts/events', {
      contract: live,
      event: { ...terminate, by: 'provider' },
    });
    expect(ends.status).toBe(403);
    expect(ends.body.rule).toMatch(/terminate/);
  });

  it('returns a refusal by the lifecycle rules as a problem with the rule id', async () => {
    const early = await call('commissioner', '/api/contracts/events', {
      contract,
      event: { on: '2020-01-06', type: 'services-commenced', by: 'commissioner' },
    });
    expect(early.status).toBe(422);
    expect(early.body.rule).toBe('lifecycle.isap.before-service-start');
  });

  it('names the field of a malformed contract', async () => {
    const bad = await call('commissioner', '/api/contracts/replay', {
      contract: { ...contract, events: [{ on: '2018-09-03', type: 'contract-signed', by: 'commissioner' }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toMatch(/events/);
  });
});
