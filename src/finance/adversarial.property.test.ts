import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { InvalidInput } from '../core/errors.ts';
import { readArrangementFile } from '../law/arrangement-file.ts';
import { loadRulebook } from '../law/rulebook.ts';
import { loadWeightedPopulations } from '../system/weighted-populations.ts';
import { allocatePlaces } from './allocation.ts';
import { classifyByRulebook } from './budget.ts';
import { PlacesFile, placesInput } from './places-file.ts';
import { budgetReport } from './report.ts';

/**
 * Adversarial inputs (issue 16): budget and places files with out-of-range, duplicate, zero
 * and unknown values. Each must be refused as bad input naming a field (the CLI's exit 2) or
 * give figures that keep the money invariants: instalments add up to the year's WPAP, the
 * provider's risk share lies within its corridors, and flow-through never exceeds what was
 * earned; a place allocation shares exactly the pot.
 */
const rulebook = loadRulebook();
const classify = classifyByRulebook(rulebook);
const budgetBase = parse(readFileSync('examples/black-country-dudley-place-2026.yaml', 'utf8'));
const placesBase = parse(readFileSync('examples/places/black-country-2025-26.yaml', 'utf8'));
const weights = loadWeightedPopulations('2025/26');

type Edit = (doc: Record<string, any>) => void;
const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);

const budgetEdits: fc.Arbitrary<Edit>[] = [
  pick('0', '0.5', '1.004', '-1', '1e3', '3').map((index) => (d) => {
    d.payment.population_index[0].index = index;
  }),
  pick('0%', '20%', '100%', '150%', '-5%', 'lots').map((share) => (d) => {
    d.payment.gp_flow_through.share = share;
  }),
  pick('£0.00', '£5,000,000.00', '-£3,000,000.00', '£99,999,999,999.00').map((variance) => (d) => {
    d.payment.risk_share.outturn[0].variance = variance;
  }),
  pick('2026/27', '2027/28', '2099/00', '2026/28').map((year) => (d) => {
    d.payment.risk_share.outturn.push({ year, variance: '£1,000,000.00' });
  }),
  pick('£0.00', '£1.00', '-£1.00').map((cap) => (d) => {
    d.payment.affordability = [{ year: '2026/27', cap }];
  }),
  pick('QUA', 'QZZ', '', '05C', 'qua').map((ods) => (d) => {
    d.commissioners[0].ods = ods;
  }),
  pick('0%', '1.25%', '100%', '150%').map((rate) => (d) => {
    d.payment.cquin.rate = rate;
  }),
  pick('0%', '0.5%', '100%', '101%').map((at_risk) => (d) => {
    d.payment.local_indicators[0].at_risk = at_risk;
  }),
  pick(
    undefined,
    [{ provider_share: '120%' }],
    [
      { up_to: '4%', provider_share: '50%' },
      { up_to: '2%', provider_share: '100%' },
    ],
    [{ provider_share: '0%' }],
  ).map((corridors) => (d) => {
    if (corridors === undefined) delete d.payment.risk_share.corridors;
    else d.payment.risk_share.corridors = corridors;
  }),
  pick('£0.00', '£61,400,000.00', '-£1.00', '£1.005').map((value) => (d) => {
    d.funding_streams[1].annual_value = value;
  }),
  fc.constant<Edit>((d) => {
    d.funding_streams.push({ ...d.funding_streams[1] });
  }),
  fc.constant<Edit>((d) => {
    d.services.push({ ...d.services[1] });
  }),
  fc.constant<Edit>((d) => {
    d.gp_practices.push({ ...d.gp_practices[1] });
  }),
  pick(-1, 0, 17202).map((list_size) => (d) => {
    d.gp_practices[1].list_size = list_size;
  }),
];

const placesEdits: fc.Arbitrary<Edit>[] = [
  pick('0%', '25%', '100%', '150%', '-10%').map((pace) => (d) => {
    d.pace = pace;
  }),
  fc.constant<Edit>((d) => {
    d.places.push({ ...d.places[0] });
  }),
  fc.constant<Edit>((d) => {
    d.pot.push({ ...d.pot[0] });
  }),
  pick('£0.00', '-£1.00', '£1.00', '£1.001').map((amount) => (d) => {
    d.pot[1].amount = amount;
  }),
  pick('£0.00', '£1.00', '£99,999,999,999.00').map((amount) => (d) => {
    d.current[0].amount = amount;
  }),
  fc.constant<Edit>((d) => {
    d.current.push({ ...d.current[0] });
  }),
  pick('unknown-basis', 'primary-medical-care-need', 'population').map((basis) => (d) => {
    d.pot[0].basis = basis;
  }),
  pick('£0.00', '£5,000,000,000.00').map((minimum) => (d) => {
    d.pot[2].floors = [...(d.pot[2].floors ?? []), { place: 'dudley', minimum }];
  }),
  pick('Z99999', 'M87009').map((code) => (d) => {
    d.places[1].practices = [...(d.places[1].practices ?? []), code];
  }),
  pick('exact', 'nhse-tool').map((method) => (d) => {
    d.__method = method;
  }),
];

/** Runs `fn`; a refusal must be bad input naming a field, anything else must pass `check`. */
function refusedOrSound<T>(fn: () => T, check: (result: T) => void): 'refused' | 'sound' {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).field).not.toBe('');
    return 'refused';
  }
  check(result);
  return 'sound';
}

const edited = (base: unknown, edits: Edit[]) => {
  const doc = structuredClone(base) as Record<string, any>;
  for (const e of edits) e(doc);
  return doc;
};

describe('adversarial budget and places files', () => {
  it('every budget file is refused naming a field, or keeps the money invariants', () => {
    const seen = { refused: 0, sound: 0 };
    fc.assert(
      fc.property(fc.array(fc.oneof(...budgetEdits), { minLength: 1, maxLength: 4 }), (edits) => {
        const text = stringify(edited(budgetBase, edits));
        const outcome = refusedOrSound(
          () => budgetReport(readArrangementFile('adversarial.yaml', text), classify, rulebook, { years: 4 }),
          (r) => {
            for (const y of r.years) {
              expect(y.instalments.reduce((s, i) => s + i.pence, 0)).toBe(y.wpap.pence);
              if (y.flow_through) expect(y.flow_through.pence).toBeLessThanOrEqual(y.incentives_earned.pence);
              if (y.risk_share) {
                const variance = y.risk_share.provider.pence + y.risk_share.commissioners.pence;
                // Each corridor's share is from 0% to 100%: the provider bears between none and all of it.
                expect(Math.abs(y.risk_share.provider.pence)).toBeLessThanOrEqual(Math.abs(variance));
                expect(y.risk_share.provider.pence * variance).toBeGreaterThanOrEqual(0);
              }
              expect(y.wpap.pence).toBeGreaterThanOrEqual(0);
            }
          },
        );
        seen[outcome]++;
      }),
      { numRuns: 150 },
    );
    // The generator reaches both outcomes, so neither half of the property is empty.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.sound).toBeGreaterThan(0);
  });

  it('every places file is refused naming a field, or shares exactly the pot', () => {
    const seen = { refused: 0, sound: 0 };
    fc.assert(
      fc.property(fc.array(fc.oneof(...placesEdits), { minLength: 1, maxLength: 4 }), (edits) => {
        const doc = edited(placesBase, edits);
        const method = doc.__method;
        delete doc.__method;
        const outcome = refusedOrSound(
          () => {
            const parsed = PlacesFile.safeParse(doc);
            if (!parsed.success)
              throw new InvalidInput(String(parsed.error.issues[0]?.path.join('.')), 'is not valid');
            return allocatePlaces({ ...placesInput(parsed.data, 'QUA', '2025/26'), method }, weights);
          },
          (r) => {
            expect(r.places.reduce((s, p) => s + p.allocation.amount, 0)).toBe(r.total);
            for (const p of r.places) expect(p.allocation.amount).toBeGreaterThanOrEqual(0);
          },
        );
        seen[outcome]++;
      }),
      { numRuns: 100 },
    );
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.sound).toBeGreaterThan(0);
  });

  it('a refused file exits 2 from the command line, naming the field', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'concordat-adversarial-'));
    const file = join(dir, 'budget.yaml');
    writeFileSync(
      file,
      stringify(
        edited(budgetBase, [
          (d) => {
            d.payment.gp_flow_through.share = '150%';
          },
        ]),
      ),
    );
    const r = spawnSync(process.execPath, ['bin/concordat.js', 'budget', file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/payment\.gp_flow_through\.share/);
  });
});
