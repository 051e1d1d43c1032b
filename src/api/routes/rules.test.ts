import { expect, it } from 'vitest';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { buildApp } from '../app.ts';
import type { Api } from '../context.ts';
import {
  clientsFor,
  type MatrixRow,
  matrixMismatches,
  signInAccounts,
  type TestAccount,
} from '../test-accounts.ts';

const rulebook = loadRulebook();
const people: TestAccount[] = [
  { key: 'commissioner', role: 'commissioner', organisation: 'QUA' },
  { key: 'provider', role: 'provider', organisation: 'RNA' },
  { key: 'assurer', role: 'assurer', organisation: null },
  { key: 'viewer', role: 'viewer', organisation: 'QUA' },
  { key: 'administrator', role: 'administrator', organisation: null },
];

describeOnBothDatabases('a rule explained, with how far it was checked', (store) => {
  let app: Api;
  const tokens = new Map<string, string>();
  const as = clientsFor(() => app, tokens);
  const explain = (id: string, who = 'viewer') =>
    as(who).GET('/api/rules/{id}', { params: { path: { id } } });

  it('starts with users', async () => {
    app = await buildApp({ store: store() });
    await signInAccounts(store(), people, tokens);
  });

  it('answers a verified rule with its versions, summaries, sources and what was compared', async () => {
    const { data, response } = await explain('contract.term.maximum-years');
    expect(response.status).toBe(200);
    expect(data?.title).toBe(rulebook.entry('contract.term.maximum-years').title);
    expect(data?.topic).toBe('contract');
    expect(data?.provenance).toEqual(rulebook.entry('contract.term.maximum-years').provenance);
    expect(data?.provenance).toMatchObject({
      verified: { against: expect.stringContaining('paragraph 32') },
    });
    const first = data?.versions[0];
    expect(first?.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.summary).toMatch(/\S/);
    expect(first?.citations[0]?.text).toContain('Draft ICP Contract');
  });

  it('answers an unverified parameter saying why, its note as the summary', async () => {
    const { data } = await explain('money.qof.pound-per-point', 'provider');
    expect(data?.provenance).toEqual({
      unverified: expect.stringMatching(/^Seen in a secondary source only: /),
    });
    expect(data?.versions.at(-1)?.summary).toBe('Seen in a secondary source only.');
    expect(data?.versions[0]?.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses an unknown rule with a 404 problem naming it', async () => {
    const { error, response } = await explain('contract.no-such-rule');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(error).toMatchObject({ status: 404, detail: "there is no rule 'contract.no-such-rule'" });
  });

  it('gives each finding of a check the provenance its rule answers', async () => {
    const arrangement = readArrangementFile('examples/black-country-dudley-place-2026.yaml');
    const { data } = await as('commissioner').POST('/api/arrangement-drafts/check', {
      params: { query: { on: '2017-09-01' } },
      body: { arrangement },
    });
    const findings = data?.findings ?? [];
    expect(findings.some((f) => 'unverified' in f.provenance)).toBe(true);
    for (const f of findings) expect((await explain(f.rule)).data?.provenance).toEqual(f.provenance);
  });

  it('answers everyone signed in, and no one else', async () => {
    const rows: MatrixRow[] = [
      {
        name: 'explain a rule',
        expect: {},
        request: (api) => api.GET('/api/rules/{id}', { params: { path: { id: 'system.body.icb' } } }),
      },
    ];
    expect(await matrixMismatches(rows, [...people.map((p) => p.key), 'anonymous'], as)).toEqual([]);
  });
});
