import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { listAudit, verifyAudit } from '../store/audit.ts';
import { describeOnBothDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import type { Api } from './context.ts';
import { callAs, signInAccounts } from './test-accounts.ts';

/**
 * Issue 5's "done when", through the API: the Dudley-style contract entered with its
 * particulars only, then taken event by event, each as a user whose role may record it,
 * through procurement, award, two years live with a subcontract (the ICP proposes, the
 * ICP is refused approving, a commissioner approves), a practice joining fully, a missed
 * financial plan and its remedial plan, variations, to expiry and the reactivation of the
 * suspended GP contracts; every step in the audit log, and the chain intact.
 */
const file = parse(readFileSync('examples/contracts/dudley-icp.yaml', 'utf8'));
type Event = { on: string; type: string; by: string; [k: string]: unknown };
const events = file.events as Event[];

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
  const call = callAs(() => app, tokens);

  it('takes the contract from advert to exit, event by event, each recorded as its party', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), accounts, tokens);
    const created = await call('commissioner', 'POST', '/api/contracts', {
      contract: { particulars: file.particulars },
      reason: 'The Dudley ICP Contract is advertised',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    let version = created.body.version;

    for (const event of events) {
      if (event.type === 'subcontract-approved') {
        // Only a commissioner can approve a subcontract: the ICP is refused, as itself or posing as one.
        const asIcp = await call('icp', 'POST', `/api/contracts/${id}/events`, {
          event: { ...event, by: 'provider' },
        });
        expect(asIcp.status).toBe(403);
        expect(asIcp.body.rule).toBe('system.decision.approve-subcontract');
        expect(asIcp.body.citations[0].text).toMatch(/paras 49-50/);
        const posing = await call('icp', 'POST', `/api/contracts/${id}/events`, { event });
        expect(posing.status).toBe(403);
      }
      const who = recorder[event.by] ?? 'commissioner';
      const r = await call(who, 'POST', `/api/contracts/${id}/events`, { event, version });
      expect(r.status, `${event.on} ${event.type}: ${JSON.stringify(r.body)}`).toBe(201);
      version = r.body.version;
    }

    const { body } = await call('commissioner', 'GET', `/api/contracts/${id}?on=2022-10-01`);
    const s = body.report.state;
    expect(s.phase).toBe('closed');
    expect(s.refusals).toEqual([]);
    expect(s.phases.map((p: { phase: string }) => p.phase)).toContain('live');
    expect(s.subcontracts['talking-therapies']).toMatchObject({
      status: 'with-commissioners',
      approved_by: 'dudley-ccg',
    });
    expect(s.practices.M87003.periods).toEqual([
      { mode: 'full', from: '2021-01-04', to: '2022-07-01', ended_by: 'default-on-exit' },
    ]);
    expect(s.practices.M87001.periods.at(-1)).toMatchObject({
      ended_by: 'practice-choice',
      to: '2022-04-01',
    });
    expect(s.breaches.map((b: { id: string }) => b.id)).toEqual(['no-plan-2022']);
    expect(s.remedial_plans['rap-financial-plan-2022'].completed_on).toBe('2022-05-10');
    expect(s.variations).toHaveLength(2);
    expect(body.recorded).toHaveLength(events.length);
    expect(body.recorded[0].recorded_by_name).toBe('commissioner');

    const timeline = (await call('icp', 'GET', `/api/contracts/${id}/timeline?on=2022-10-01`)).body.timeline;
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
    const verified = await call('administrator', 'GET', '/api/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body.intact).toBe(true);
    expect((await verifyAudit(store().db)).intact).toBe(true);
  });
});
