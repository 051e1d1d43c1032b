import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, expect, it, vi } from 'vitest';
import { InvalidInput } from '../../core/errors.ts';
import { parseCsv } from '../../csv.ts';
import { describeOnBothDatabases } from '../../store/test-databases.ts';
import { seedBlackCountryIcb } from '../../store/test-registry.ts';
import { emit } from '../table-output.ts';
import { registerContract } from './contract.ts';
import { searchAnswer, treeAnswer } from './registry-answers.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-registry-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `emit` as the commands do, to a file, quietly. */
async function written(format: string, answer: Parameters<typeof emit>[2], name: string): Promise<string> {
  const out = join(dir, name);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await emit(format, { out }, answer);
  } finally {
    stderr.mockRestore();
  }
  return out;
}

describeOnBothDatabases('concordat registry', (store) => {
  it('searches and draws a tree as text, CSV and Excel', async () => {
    const { db } = store();
    await seedBlackCountryIcb(db);

    const found = await searchAnswer(store(), 'black', 'icb', 20);
    expect(found.text()).toMatch(
      /^QUA {2}NHS BLACK COUNTRY INTEGRATED CARE BOARD \(Integrated care board\) from 1 July 2022\n/,
    );
    expect(parseCsv(readFileSync(await written('csv', found, 'search.csv'), 'utf8'))).toEqual([
      ['ODS code', 'Kind', 'Name', 'Opened', 'Closed'],
      ['QUA', 'Integrated care board', 'NHS BLACK COUNTRY INTEGRATED CARE BOARD', '2022-07-01', ''],
    ]);

    const tree = await treeAnswer(store(), 'QUA', 'icb', '2026-08-01');
    expect(tree.text()).toContain('  D2P2L  NHS BLACK COUNTRY ICB - D2P2L (Sub-ICB location): 0 practices');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await written('xlsx', tree, 'tree.xlsx'));
    const sheet = book.getWorksheet('Structure');
    expect([1, 2, 5, 6].map((c) => sheet?.getRow(3).getCell(c).value)).toEqual([1, 'D2P2L', 'QUA', 0]);
    await expect(treeAnswer(store(), 'NOPE', 'icb', '2026-08-01')).rejects.toBeInstanceOf(InvalidInput);
  });
});

it("writes a contract's timeline and what falls due next as CSV", async () => {
  const out = join(dir, 'timeline.csv');
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const program = new Command().exitOverride();
    registerContract(program);
    await program.parseAsync([
      'node',
      'concordat',
      'contract',
      'timeline',
      'examples/contracts/dudley-icp.yaml',
      '--on',
      '2022-10-01',
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(process.exitCode).toBe(0);
  } finally {
    stderr.mockRestore();
    process.exitCode = undefined;
  }
  const rows = parseCsv(readFileSync(out, 'utf8'));
  expect(rows[0]).toEqual(['Date', 'What happened', 'Outcome', 'Rule']);
  expect(rows).toContainEqual([
    '2018-09-03',
    'Intention to award advertised',
    'Applied',
    'lifecycle.advertise',
  ]);
  expect(rows.find((r) => r[3] === 'lifecycle.expiry')?.slice(0, 1)).toEqual(['2022-07-01']);
});
