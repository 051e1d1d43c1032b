import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function concordat(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/concordat.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('concordat budget and allocate', () => {
  it('prints a budget as JSON whose instalments add up to each year', () => {
    const r = concordat(
      'budget',
      'examples/black-country-dudley-place-2026.yaml',
      '--format',
      'json',
      '--years',
      '3',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.years).toHaveLength(3);
    for (const y of report.years) {
      expect(y.instalments.reduce((s: number, i: { pence: number }) => s + i.pence, 0)).toBe(y.wpap.pence);
    }
    expect(report.years[0].money_at_risk.national_assurance_needed).toBe(true);
  });

  it('explains figures with their parameters and sources', () => {
    const r = concordat(
      'budget',
      'examples/black-country-dudley-place-2026.yaml',
      '--years',
      '2',
      '--explain',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/parameter payment\.uplift = 2\.1% percent \(from 1 April 2027/);
  });

  it('exits 2 naming the field for bad input, with nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concordat-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      readFileSync('examples/black-country-dudley-place-2026.yaml', 'utf8').replace(
        "annual_value: '£61,400,000.00'",
        "annual_value: '£61,400,000.005'",
      ),
    );
    const r = concordat('budget', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(concordat('budget', 'examples/black-country-dudley-place-2026.yaml', '--years', '11').err).toMatch(
      /--years/,
    );
  });

  it('allocates the Black Country single pot as CSV, and refuses an ICB the places file is not for', () => {
    const r = concordat(
      'allocate',
      '--icb',
      'QUA',
      '--places',
      'examples/places/black-country-2025-26.yaml',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      'place,component,basis,weighted_population,need_index,amount_pence,amount',
    );
    const bad = concordat(
      'allocate',
      '--icb',
      'QHM',
      '--places',
      'examples/places/black-country-2025-26.yaml',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--icb: is QHM but .* is for QUA/);
  });
});
