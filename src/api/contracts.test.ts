import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ContractEventInput } from '../contracts/events.ts';
import type { Role } from '../core/roles.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callOutsideDocument, clientsFor, signInAccounts } from './test-accounts.ts';

// The Dudley example up to mobilisation with a subcontract proposed: the next steps are decisions.
const file = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
const upTo = file.events.findIndex((e: { type: string }) => e.type === 'subcontract-approved');
const contract = { particulars: file.particulars, events: file.events.slice(0, upTo) };
const approve = {
  on: '2020-01-06',
  type: 'subcontract-approved',
  subcontract: 'talking-therapies',
  direct_agreement_required: true,
} as const;
const terminate = {
  on: '2021-01-04',
  type: 'commissioner-termination',
  scope: 'contract',
  ground: 'quality',
  effective: '2022-01-04',
} as const;

describeOnBothDatabases('contracts API', (store) => {
  let app: Api;
  const tokens = new Map<Role, string>();
  const as = clientsFor(() => app, tokens);
  const offer = (who: Role, body: { contract: typeof contract; event: ContractEventInput }) =>
    as(who).POST('/api/contracts/events', { body });

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
    const r = await as('viewer').POST('/api/contracts/replay', { body: { contract, on: '2020-01-01' } });
    expect(r.response.status).toBe(200);
    // The document leaves the report's state open (docs/contracts.md describes it): matched, not typed.
    expect(r.data?.state).toMatchObject({
      phase: 'mobilising',
      subcontracts: { 'talking-therapies': { status: 'proposed' } },
    });
  });

  it('lets a commissioner approve a subcontract', async () => {
    const r = await offer('commissioner', { contract, event: { ...approve, by: 'commissioner' } });
    expect(r.response.status).toBe(200);
    expect(r.data?.state).toMatchObject({
      subcontracts: { 'talking-therapies': { status: 'awaiting-direct-agreement' } },
    });
  });

  it('refuses a provider approving a subcontract or terminating, naming the rule', async () => {
    const asCommissioner = await offer('provider', { contract, event: { ...approve, by: 'commissioner' } });
    expect(asCommissioner.response.status).toBe(403);
    const asProvider = await offer('provider', { contract, event: { ...approve, by: 'provider' } });
    expect(asProvider.response.status).toBe(403);
    expect(asProvider.error?.rule).toBe('system.decision.approve-subcontract');
    const live = {
      particulars: file.particulars,
      events: file.events.filter((e: { on: string }) => e.on <= '2020-12-31'),
    };
    const ends = await offer('provider', { contract: live, event: { ...terminate, by: 'provider' } });
    expect(ends.response.status).toBe(403);
    expect(ends.error?.rule).toMatch(/terminate/);
  });

  it('returns a refusal by the lifecycle rules as a problem with the rule id', async () => {
    const early = await offer('commissioner', {
      contract,
      event: { on: '2020-01-06', type: 'services-commenced', by: 'commissioner' },
    });
    expect(early.response.status).toBe(422);
    expect(early.error?.rule).toBe('lifecycle.isap.before-service-start');
  });

  it('names the field of a malformed contract', async () => {
    // An event type the document does not list cannot be sent through the generated client.
    const bad = await callOutsideDocument(() => app, tokens)(
      'commissioner',
      'POST',
      '/api/contracts/replay',
      {
        contract: {
          ...contract,
          events: [{ on: '2018-09-03', type: 'contract-signed', by: 'commissioner' }],
        },
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toMatch(/events/);
  });
});
