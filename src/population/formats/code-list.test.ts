import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { conditionCodes } from '../model.ts';
import { isSnomedConceptId, loadCodeList, normaliseIcd10 } from './code-list.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-code-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function list(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function refusal(path: string): Promise<InvalidInput> {
  const error = await loadCodeList(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInput);
  return error as InvalidInput;
}

describe('the shipped code list', () => {
  it('covers every condition, with sources, and each example code maps back to its condition alone', async () => {
    const codes = await loadCodeList();
    expect(codes.summary.version).toBe('1');
    for (const condition of conditionCodes) {
      const { snomed, icd10 } = codes.example(condition);
      expect(snomed && codes.fromSnomed(snomed.id)).toEqual([condition]);
      expect(icd10 && codes.fromIcd10(icd10)).toEqual([condition]);
    }
  });

  it('matches ICD-10 by category, range and exclusion, written any usual way', async () => {
    const codes = await loadCodeList();
    expect(codes.fromIcd10(normaliseIcd10('I48.1'))).toEqual(['AF']);
    expect(codes.fromIcd10(normaliseIcd10('i10x'))).toEqual(['HYP']);
    // Hypertensive heart disease with heart failure is both.
    expect(codes.fromIcd10(normaliseIcd10('I11.0'))).toEqual(['HF', 'HYP']);
    expect(codes.fromIcd10(normaliseIcd10('C50.9'))).toEqual(['CAN']);
    expect(codes.fromIcd10(normaliseIcd10('C44.3'))).toEqual([]);
    expect(codes.fromIcd10(normaliseIcd10('N18.4'))).toEqual(['CKD']);
    expect(codes.fromIcd10(normaliseIcd10('N18.2'))).toEqual([]);
    expect(codes.fromIcd10(normaliseIcd10('G45.9'))).toEqual(['STIA']);
    expect(codes.fromIcd10(normaliseIcd10('G45.4'))).toEqual([]);
    expect(codes.fromIcd10(normaliseIcd10('R69X'))).toEqual([]);
  });
});

describe('SNOMED CT concept ids', () => {
  it('accepts real ids and refuses every single-digit slip (Verhoeff catches them all)', () => {
    expect(isSnomedConceptId('49436004')).toBe(true);
    expect(isSnomedConceptId('999006611000230105')).toBe(true);
    fc.assert(
      fc.property(
        fc.constantFrom('49436004', '195967001', '38341003', '999006611000230105'),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (id, at, shift) => {
          const i = at % id.length;
          const digit = (Number(id[i]) + shift) % 10;
          const changed = `${id.slice(0, i)}${digit}${id.slice(i + 1)}`;
          expect(isSnomedConceptId(changed)).toBe(false);
        },
      ),
    );
  });
});

describe("a user's code list", () => {
  it('is read with reference sets from CSV files beside it', async () => {
    writeFileSync(join(dir, 'afib.csv'), 'code,term\n49436004,Atrial fibrillation\n5370000,Atrial flutter\n');
    const codes = await loadCodeList(
      list(
        'mine.yaml',
        'version: 2026-12\nconditions:\n  AF:\n    snomed:\n      source: AFIB_COD\n      files: [afib.csv]\n',
      ),
    );
    expect(codes.summary.version).toBe('2026-12');
    expect(codes.fromSnomed('5370000')).toEqual(['AF']);
    expect(codes.fromIcd10('I48')).toEqual([]);
  });

  const cases: [string, string, RegExp][] = [
    [
      'an unknown condition',
      'version: 1\nconditions:\n  GOUT:\n    icd10: {source: x, codes: [M10]}\n',
      /line 3, conditions\.GOUT: 'GOUT' is not a Concordat condition/,
    ],
    [
      'a mistyped concept id',
      'version: 1\nconditions:\n  AF:\n    snomed:\n      source: x\n      concepts:\n        49436005: AF\n',
      /line 7, conditions\.AF\.snomed\.concepts: '49436005' is not a SNOMED CT concept id/,
    ],
    [
      'a backwards range',
      'version: 1\nconditions:\n  CHD:\n    icd10:\n      source: x\n      codes: [I25-I20]\n',
      /line 6, conditions\.CHD\.icd10\.codes: 'I25-I20' is not an ICD-10 code or range/,
    ],
    [
      'a list without a source',
      'version: 1\nconditions:\n  AF:\n    icd10:\n      codes: [I48]\n',
      /line 5, conditions\.AF\.icd10\.source: is missing/,
    ],
    ['no version', 'conditions: {}\n', /line 1, version: is not a single value/],
    ['broken YAML', 'version: 1\nconditions:\n  AF: [\n', /line \d+: is not valid YAML/],
  ];
  for (const [name, text, message] of cases) {
    it(`is refused for ${name}, naming the line and field`, async () => {
      const error = await refusal(list(`${name}.yaml`, text));
      expect(error.message).toMatch(message);
      expect(error.message).toContain(join(dir, `${name}.yaml`));
    });
  }

  it('is refused when it cannot be read', async () => {
    expect((await refusal(join(dir, 'none.yaml'))).message).toMatch(/--code-list: cannot read/);
  });
});
