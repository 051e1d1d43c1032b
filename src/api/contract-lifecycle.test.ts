import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ContractEventInput } from '../contracts/events.ts';
import { listAudit, verifyAudit } from '../store/audit.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { clientsFor, signInAccounts } from './test-accounts.ts';

/**
 * Issue 5's "done when", through the API: the Dudley-style contract entered with its
 * particulars only, then taken event by event, each as a user whose role may record it,
 * through procurement, award, two years live with a subcontract (the ICP proposes, the
 * ICP is refused approving, a commissioner approves), a practice joining fully, a missed
 * financial plan and its remedial plan, variations, to expiry and the reactivation of the
 * suspended GP contracts; every step in the audit log, and the chain intact.
 */
const file = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
const events = file.events as ContractEventInput[];

const accounts = [
  { key: 'commissioner', role: 'commissioner', organisation: '05C' },
  { key: 'icp', role: 'provider', organisation: 'RYK' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'administrator', role: 'administrator', organisation: null },
] as const;
const recorder: Record<string, string> = {
  commissioner: 'commissioner',
  provider: 'icp',
  practice: 'icp',
  'nhs-england': 'assurer',
};

describeOnBothDatabases('the Dudley contract through the API', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);

  it('takes the contract from advert to exit, event by event, each recorded as its party', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), accounts, tokens);
    const created = await as('commissioner').POST('/api/contracts', {
      body: { contract: { particulars: file.particulars }, reason: 'The Dudley ICP Contract is advertised' },
    });
    expect(created.response.status).toBe(201);
    const path = { path: { id: created.data?.id ?? '' } };
    let version = created.data?.version;

    for (const event of events) {
      if (event.type === 'subcontract-approved') {
        // Only a commissioner can approve a subcontract: the ICP is refused, as itself or posing as one.
        const asIcp = await as('icp').POST('/api/contracts/{id}/events', {
          params: path,
          body: { event: { ...event, by: 'provider' } },
        });
        expect(asIcp.response.status).toBe(403);
        expect(asIcp.error?.rule).toBe('system.decision.approve-subcontract');
        expect(asIcp.error?.citations?.[0]?.text).toMatch(/paras 49-50/);
        const posing = await as('icp').POST('/api/contracts/{id}/events', { params: path, body: { event } });
        expect(posing.response.status).toBe(403);
      }
      const who = recorder[event.by] ?? 'commissioner';
      const r = await as(who).POST('/api/contracts/{id}/events', { params: path, body: { event, version } });
      expect(r.response.status, `${event.on} ${event.type}: ${JSON.stringify(r.error)}`).toBe(201);
      version = r.data?.version;
    }

    const on = { ...path, query: { on: '2022-10-01' } };
    const body = (await as('commissioner').GET('/api/contracts/{id}', { params: on })).data;
    // The document leaves the report's state open (docs/contracts.md describes it): matched, not typed.
    const state = body?.report.state;
    expect(state).toMatchObject({
      phase: 'closed',
      refusals: [],
      subcontracts: { 'talking-therapies': { status: 'with-commissioners', approved_by: 'dudley-ccg' } },
      practices: {
        // Meadowbrook joined fully in 2019 and chose to reactivate its GMS contract in April 2022.
        M87001: { periods: [{ ended_by: 'practice-choice', to: '2022-04-01' }] },
        M87003: {
          periods: [{ mode: 'full', from: '2021-01-04', to: '2022-07-01', ended_by: 'default-on-exit' }],
        },
      },
      breaches: [{ id: 'no-plan-2022' }],
      remedial_plans: { 'rap-financial-plan-2022': { completed_on: '2022-05-10' } },
    });
    expect(state?.phases).toContainEqual(expect.objectContaining({ phase: 'live' }));
    expect(state?.variations).toHaveLength(2);
    expect(body?.recorded).toHaveLength(events.length);
    expect(body?.recorded[0]?.recorded_by_name).toBe('commissioner');

    const timeline = (await as('icp').GET('/api/contracts/{id}/timeline', { params: on })).data?.timeline;
    expect(timeline).toContainEqual(
      expect.objectContaining({
        on: '2022-07-01',
        type: 'contract-expired',
        outcome: 'automatic',
        rule: 'lifecycle.expiry',
      }),
    );
  });

  it('has an audit entry for every step, naming who recorded it, and the chain verifies', async () => {
    const audit = (await listAudit(store().db, { entity: 'contract', limit: 1000 })).filter(
      (a) => a.entity_id === 'dudley-icp',
    );
    expect(audit.map((a) => a.action)).toEqual(['create', ...events.map((e) => `record-event:${e.type}`)]);
    expect(audit.find((a) => a.action === 'record-event:subcontract-approved')?.actor).toBe(
      'commissioner <commissioner@example.nhs.uk>',
    );
    expect(audit.find((a) => a.action === 'record-event:subcontract-proposed')?.actor).toBe(
      'icp <icp@example.nhs.uk>',
    );
    expect(audit.find((a) => a.action === 'record-event:services-commenced')?.after).toMatchObject({
      phase: 'live',
    });
    const verified = await as('administrator').GET('/api/audit/verify');
    expect(verified.response.status).toBe(200);
    expect(verified.data?.intact).toBe(true);
    expect((await verifyAudit(store().db)).intact).toBe(true);
  });
});
