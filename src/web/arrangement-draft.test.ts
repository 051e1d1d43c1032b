import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arrangement } from '../law/arrangement.ts';
import { readArrangementFile, referenceProblems } from '../law/arrangement-file.ts';
import {
  addCommissioner,
  addFund,
  addFundingStream,
  addProvider,
  addService,
  blankArrangement,
  type CatalogueService,
  commissionerFrom,
  fromTemplate,
  isExample,
  namedParties,
  newId,
  providerFrom,
  type RegistryOrganisation,
  removeCommissioner,
  removeProvider,
  removeService,
  replaceCommissioner,
} from './arrangement-draft.ts';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readArrangementFile(`examples/${f}`));
const names = { service: (s: string) => s, party: (p: string) => p };
const org = (code: string, kind: RegistryOrganisation['kind'], name: string): RegistryOrganisation => ({
  code,
  kind,
  name,
  opened: null,
  closed: null,
});
const icb = org('QUA', 'icb', 'NHS Black Country Integrated Care Board');
const dudley = org('E08000027', 'local-authority', 'Dudley');
const trust = org('RNA', 'trust', 'THE DUDLEY GROUP NHS FOUNDATION TRUST');
const service = (id: string, function_of: CatalogueService['function_of']): CatalogueService => ({
  service: id,
  title: id,
  function_of,
  stream_source: function_of === 'local-authority' ? 'la-social-care' : 'icb-core',
  s75: 'included',
});

describe('building an arrangement in the browser', () => {
  it('makes a pooled health and social care arrangement the schema accepts, from registry picks', () => {
    let a = blankArrangement();
    a = { ...a, name: 'Dudley community health and adult social care' };
    a = addCommissioner(a, commissionerFrom(a, icb));
    a = addCommissioner(a, commissionerFrom(a, dudley));
    a = addProvider(a, providerFrom(a, trust));
    a = addService(a, service('community-health', 'local-nhs'));
    a = addService(a, service('adult-social-care', 'local-authority'));
    a = addFund(a, 'Dudley pooled fund');
    a = addFundingStream(a, [service('community-health', 'local-nhs')]);
    a = addFundingStream(a, [service('adult-social-care', 'local-authority')]);
    a = {
      ...a,
      funding_streams: a.funding_streams.map((s) => ({ ...s, annual_value: '£1,000,000.00' })),
    };
    expect(Arrangement.parse(a)).toEqual(a);
    expect(referenceProblems(a)).toEqual([]);
    expect(a.commissioners.map((c) => [c.id, c.kind, c.ods])).toEqual([
      ['nhs-black-country-integrated-care-board', 'icb', 'QUA'],
      ['dudley', 'local-authority', 'E08000027'],
    ]);
    // The foundation trust by its name, as people write it, leading as the first provider.
    expect(a.providers[0]).toMatchObject({
      name: 'The Dudley Group NHS Foundation Trust',
      kind: 'nhs-foundation-trust',
      lead: true,
    });
    // Each service with the commissioner whose function it is; the pool hosted by the council.
    expect(a.services.map((s) => s.commissioner)).toEqual([
      'nhs-black-country-integrated-care-board',
      'dudley',
    ]);
    expect(a.funds[0]).toMatchObject({ kind: 'pooled', mechanism: 's75', host: 'dudley' });
    expect(a.funding_streams.map((s) => [s.service, s.commissioner, s.source])).toEqual([
      ['community-health', 'nhs-black-country-integrated-care-board', 'icb-core'],
      ['adult-social-care', 'dudley', 'la-social-care'],
    ]);
    expect(namedParties(a).map((p) => [p.code, p.side])).toEqual([
      ['QUA', 'commissioner'],
      ['E08000027', 'commissioner'],
      ['RNA', 'provider'],
    ]);
  });

  it('numbers an id already taken', () => {
    const a = addCommissioner(blankArrangement(), commissionerFrom(blankArrangement(), dudley));
    expect(newId(a, 'Dudley')).toBe('dudley-2');
    expect(newId(a, '£££')).toBe('part');
  });

  it('starts from a template with its examples to replace, and replacing one keeps what points at it', () => {
    const template = readArrangementFile('examples/health-and-social-care-with-public-health.yaml');
    const a = fromTemplate(template);
    expect(a.name).toBe('');
    expect(a.commissioners.map(isExample)).toEqual([true, true, true]);
    const replaced = replaceCommissioner(a, 1, commissionerFrom(a, dudley, a.commissioners[1]?.id));
    expect(replaced.commissioners[1]).toMatchObject({ name: 'Dudley', ods: 'E08000027' });
    expect(referenceProblems({ ...replaced, name: 'x' })).toEqual([]);
  });

  it('says what else went with a commissioner', () => {
    const a = readArrangementFile('examples/health-and-social-care-with-public-health.yaml');
    const { draft, alsoRemoved } = removeCommissioner(a, 2, names);
    expect(draft.commissioners.map((c) => c.id)).toEqual(['westshire-ccg', 'westshire-council']);
    expect(alsoRemoved).toEqual([
      'the service s7a-immunisation it commissioned',
      'the funding stream for s7a-immunisation from nhs-england',
      'the fund Immunisation programme (s7A, ring-fenced), left with no partner',
    ]);
  });

  it('never leaves a reference to a part that is gone, whatever is removed (property)', () => {
    const removals = [removeCommissioner, removeProvider, removeService] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.nat(5)), { maxLength: 4 }),
        (example, steps) => {
          let a = example;
          for (const [which, index] of steps) {
            const list = [a.commissioners, a.providers, a.services][which] ?? [];
            if (list.length === 0) continue;
            a = (removals[which] ?? removeService)(a, index % list.length, names).draft;
          }
          expect(referenceProblems(a)).toEqual([]);
          for (const f of a.funds) {
            expect(f.parties.length).toBeGreaterThan(0);
            expect(f.services.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
