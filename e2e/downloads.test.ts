import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../src/core/dates.ts';
import { parseCsv } from '../src/csv.ts';
import { expectAccessible, signedInSuite } from './browser.ts';
import type { RunningServer } from './server.ts';

/**
 * Board-ready outputs in a real browser against the real server: the CSV and the Excel
 * workbook of six tables on four pages (WPAP by year and monthly instalments, an allocation
 * worked out from the form, a contract's compliance calendar and subcontracts, a place's
 * structure in the explorer) are downloaded by their links and read back. Every figure equals
 * the page's to the penny; in Excel, money and counts are number cells and dates are dates.
 * The budget page's "Board paper (PDF)" gives a PDF.
 */
describe('downloads in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let page: Page;
  signedInSuite((suite) => {
    ({ server, page } = suite);
  });

  /** Saves what a download link (GET) or button (POST) named `name` gives. */
  async function download(name: string): Promise<Buffer> {
    const control = page
      .getByRole('link', { name, exact: true })
      .or(page.getByRole('button', { name, exact: true }));
    const [file] = await Promise.all([page.waitForEvent('download'), control.click()]);
    return readFileSync((await file.path()) as string);
  }

  /** A CSV download as objects keyed by its headings. */
  async function csv(name: string): Promise<Record<string, string>[]> {
    const [head, ...rows] = parseCsv((await download(name)).toString('utf8'));
    return rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
  }

  /** A sheet of an Excel download as objects keyed by its headings (cells as ExcelJS reads them). */
  async function sheet(name: string, title: string): Promise<Record<string, ExcelJS.CellValue>[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(name)) as never);
    const found = book.getWorksheet(title);
    if (!found) throw new Error(`no sheet ${title}: ${book.worksheets.map((w) => w.name).join(', ')}`);
    const heads = (found.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    found.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(heads.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    expect(book.getWorksheet('Sources and dates')?.getRow(1).getCell(1).value).toBe('Title');
    return rows;
  }

  /** The text of each body row's cells (row heading first). */
  const rowsOf = async (table: Locator) =>
    table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
      );

  /** Pence from "£1,234.56", "-£5.00" or "1234.56", exactly (no floating point). */
  const pence = (text: string) => {
    const m = /^(-?)£?([\d,]+)\.(\d{2})$/.exec(text.trim());
    if (!m) throw new Error(`not an amount of money: ${text}`);
    return (m[1] ? -1 : 1) * (Number((m[2] as string).replaceAll(',', '')) * 100 + Number(m[3]));
  };
  /** Pence from an Excel number of pounds, which must be a number cell. */
  const excelPence = (value: ExcelJS.CellValue) => {
    expect(typeof value).toBe('number');
    return Math.round((value as number) * 100);
  };
  /** An Excel date cell, which must be a date, as the page writes it. */
  const excelDate = (value: ExcelJS.CellValue) => {
    expect(value).toBeInstanceOf(Date);
    return formatDate((value as Date).toISOString().slice(0, 10));
  };

  it('downloads WPAP by year and the monthly instalments as the budget page shows them, and its board paper', async () => {
    await page.goto(`${server.url}/arrangements/${server.arrangementId}/budget`);
    const years = page.getByTestId('years');
    await years.waitFor();
    const shown = await rowsOf(years);
    expect(shown.length).toBeGreaterThan(1);

    const wpap = await csv('Download WPAP by year as CSV');
    expect(wpap.map((r) => r.Year)).toEqual(shown.map((r) => r[0]));
    for (const [i, row] of shown.entries()) {
      expect(pence(wpap[i]?.['WPAP (£)'] ?? '')).toBe(pence(row[1] as string));
      expect(pence(wpap[i]?.['Money at risk (£)'] ?? '')).toBe(pence(row[2] as string));
    }
    const wpapSheet = await sheet('Download WPAP by year as Excel', 'WPAP by year');
    expect(wpapSheet.map((r) => excelPence(r['WPAP (£)'] ?? null))).toEqual(
      shown.map((r) => pence(r[1] as string)),
    );
    expect(wpapSheet.map((r) => excelDate(r.From ?? null))).toEqual(
      wpap.map((r) => formatDate(r.From ?? '')),
    );
    expect(wpapSheet.every((r) => typeof r.Days === 'number')).toBe(true);

    const year = shown[0]?.[0] as string;
    await page.getByText(`Monthly instalments in ${year}`).click();
    const months = await rowsOf(page.locator('details[open] table'));
    expect(months).toHaveLength(12);
    const instalments = (await csv('Download monthly instalments as CSV')).filter((r) => r.Year === year);
    expect(
      instalments.map((r) => [r.Month, `${formatDate(r.From ?? '')} to ${formatDate(r.To ?? '')}`]),
    ).toEqual(months.map((m) => [m[0], m[1]]));
    expect(instalments.map((r) => pence(r['Amount (£)'] ?? ''))).toEqual(
      months.map((m) => pence(m[2] as string)),
    );
    const instalmentSheet = (
      await sheet('Download monthly instalments as Excel', 'Monthly instalments')
    ).filter((r) => r.Year === year);
    expect(instalmentSheet.map((r) => excelPence(r['Amount (£)'] ?? null))).toEqual(
      months.map((m) => pence(m[2] as string)),
    );
    expect(instalmentSheet.map((r) => `${excelDate(r.From ?? null)} to ${excelDate(r.To ?? null)}`)).toEqual(
      months.map((m) => m[1]),
    );

    const pdf = await download('Board paper (PDF)');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toMatch(/budget and payments/);
    await expectAccessible(page);
  });

  it('downloads the allocation worked out from the form, by POSTing the same request', async () => {
    await page.goto(`${server.url}/allocation`);
    // The pot is a figure to enter (the data has no allocation in pounds for the ICB).
    await page.getByLabel('Amount of Core services').fill('£100,000,000.00');
    const allocation = page.getByTestId('allocation');
    await allocation.waitFor();
    const shown = await rowsOf(allocation);
    expect(shown.map((r) => r[0])).toEqual(['Birmingham', 'Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);

    const places = await csv('Download need indices and allocations by place as CSV');
    expect(
      places.map((p) => [p.Place, pence(p['Target (£)'] ?? ''), pence(p['Allocation (£)'] ?? '')]),
    ).toEqual(shown.map((r) => [r[0], pence(r[1] as string), pence(r[2] as string)]));
    const indices = await rowsOf(page.getByTestId('need-indices'));
    expect(places.map((p) => p['Need index'])).toEqual(indices.map((r) => r[3]));
    const placeSheet = await sheet(
      'Download need indices and allocations by place as Excel',
      'Allocation by place',
    );
    expect(placeSheet.map((p) => [p.Place, excelPence(p['Allocation (£)'] ?? null)])).toEqual(
      shown.map((r) => [r[0], pence(r[2] as string)]),
    );
    expect(
      placeSheet.every((p) => typeof p['Need index'] === 'number' && typeof p.Practices === 'number'),
    ).toBe(true);
    await expectAccessible(page);
  });

  it("downloads a stored contract's compliance calendar and subcontracts as its page shows them", async () => {
    await page.goto(`${server.url}/contracts/dudley-icp`);
    const calendar = page.getByTestId('calendar');
    await calendar.locator('tbody tr').first().waitFor();
    const due = await rowsOf(calendar);
    const obligations = await csv('Download the compliance calendar as CSV');
    expect(obligations.map((o) => formatDate(o.Due ?? ''))).toEqual(due.map((r) => r[0]));
    expect(obligations.map((o) => o.Status)).toEqual(due.map((r) => (r[3] as string).replace(/ on .*$/, '')));
    const calendarSheet = await sheet('Download the compliance calendar as Excel', 'Compliance calendar');
    expect(calendarSheet.map((o) => excelDate(o.Due ?? null))).toEqual(due.map((r) => r[0]));

    const subcontracts = await rowsOf(page.getByTestId('subcontracts'));
    const valued = subcontracts.filter((r) => r[2] !== 'Not given');
    expect(valued.length).toBeGreaterThan(0);
    const listed = await csv('Download subcontracts as CSV');
    expect(listed.filter((s) => s['Value (£)'] !== '').map((s) => pence(s['Value (£)'] ?? ''))).toEqual(
      valued.map((r) => pence(r[2] as string)),
    );
    const subSheet = await sheet('Download subcontracts as Excel', 'Subcontracts');
    expect(
      subSheet.filter((s) => s['Value (£)'] !== null).map((s) => excelPence(s['Value (£)'] ?? null)),
    ).toEqual(valued.map((r) => pence(r[2] as string)));
    expect(subSheet.map((s) => excelDate(s['Proposed on'] ?? null))).toHaveLength(subcontracts.length);
  });

  it("downloads a place's structure with the practices and registered patients the explorer shows", async () => {
    await page.goto(`${server.url}/explorer?on=2026-08-01&org=E08000027&kind=place`);
    const tree = page.getByTestId('tree');
    await tree.getByRole('heading', { name: 'Dudley on 1 August 2026' }).waitFor();
    const totals = /Place E08000027: (\d+) practices, ([\d,]+) registered patients/.exec(
      (await tree.textContent()) ?? '',
    );
    expect(totals).not.toBeNull();
    const rows = await csv('Download the structure of Dudley as CSV');
    expect(rows[0]).toMatchObject({
      Level: '0',
      'ODS code': 'E08000027',
      Practices: totals?.[1],
      'Registered patients': totals?.[2]?.replaceAll(',', ''),
    });
    // Kingswinford Medical Practice: 7,877 registered patients in QOF 2020/21, as the explorer says.
    expect(rows.find((r) => r['ODS code'] === 'M87008')?.['Registered patients']).toBe('7877');
    const structure = await sheet('Download the structure of Dudley as Excel', 'Structure');
    expect(structure[0]?.['Registered patients']).toBe(Number(totals?.[2]?.replaceAll(',', '')));
    expect(structure.find((r) => r['ODS code'] === 'M87008')?.['Registered patients']).toBe(7877);
    await expectAccessible(page);
  });

  it('prints the budget page as a document: no header, menu or downloads, headings repeated, links with their addresses', async () => {
    await page.goto(`${server.url}/arrangements/${server.arrangementId}/budget`);
    await page.getByTestId('years').waitFor();
    await page.emulateMedia({ media: 'print' });
    try {
      for (const chrome of ['header.nhsuk-header', 'footer.nhsuk-footer', '.concordat-downloads'])
        expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
      const styles = await page.evaluate(() => {
        const back = document.querySelector('a[href^="/arrangements/"]') as HTMLAnchorElement;
        return {
          thead: getComputedStyle(document.querySelector('[data-testid="years"] thead') as Element).display,
          after: getComputedStyle(back, '::after').content,
          section: getComputedStyle(document.querySelectorAll('main section')[1] as Element).breakBefore,
        };
      });
      expect(styles.thead).toBe('table-header-group');
      expect(styles.section).toBe('page');
      expect(styles.after).toBe(`" (/arrangements/${server.arrangementId})"`);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
