import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, signedInSuite } from './browser.ts';
import type { RunningServer } from './server.ts';

/**
 * The ICS operating model in a real browser against the real server: NHS Black Country ICB's
 * demo model drawn board → committees → places and collaboratives, its SoRD filtered, its
 * findings on 1 July 2022 and 1 September 2023, and a trust's page naming its collaborative.
 */
describe('ICS operating model in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let page: Page;
  signedInSuite((suite) => {
    ({ server, page } = suite);
  });

  it('draws the structure: board, committees, the four places and the collaboratives', async () => {
    await page.getByRole('link', { name: 'ICS operating model' }).click();
    await page
      .getByRole('heading', { name: 'NHS Black Country ICB operating model (illustrative)' })
      .waitFor();
    const structure = page.getByTestId('structure');
    await structure.getByText('Board of NHS Black Country Integrated Care Board').waitFor();
    const places = await structure
      .getByRole('region', { name: 'Places' })
      .locator('li strong')
      .allTextContents();
    expect(places).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    await structure.getByText('Lead: Walsall Healthcare NHS Trust').waitFor();
    await structure.getByText('Black Country Provider Collaborative (acute)').waitFor();
    await expectAccessible(page);
  });

  it('filters the scheme of reservation and delegation by route and by words', async () => {
    const rows = () => page.getByTestId('sord').locator('tbody tr');
    const all = await rows().count();
    expect(all).toBe(15);
    await page.getByLabel('Route').selectOption('Reserved to the board');
    await page.getByText(`Showing 4 of ${all} decisions`).waitFor();
    await page.getByLabel('Route').selectOption('');
    await page.getByLabel('Search decisions').fill('GP contracts');
    await page.getByText(`Showing 1 of ${all} decisions`).waitFor();
    expect(await rows().locator('td').allTextContents()).toContain('£5,000,000.00');
    await page.getByLabel('Search decisions').fill('');
    await expectAccessible(page);
  });

  it('shows the findings on a date: unlawful on 1 July 2022, lawful on 1 September 2023', async () => {
    const setDate = async (day: string, month: string, year: string) => {
      await page.getByLabel('Day').fill(day);
      await page.getByLabel('Month').fill(month);
      await page.getByLabel('Year').fill(year);
    };
    await setDate('1', '7', '2022');
    await page.getByText('Checked against the rules in force on 1 July 2022.').waitFor();
    await page.getByTestId('verdict').getByText('Not lawful on this date').waitFor();
    await page
      .getByTestId('findings')
      .getByText('NHS England delegates pharmacy, optometry and dental services')
      .waitFor();
    await expectAccessible(page);
    await setDate('1', '9', '2023');
    await page.getByText('Checked against the rules in force on 1 September 2023.').waitFor();
    await page.getByTestId('verdict').getByText('Lawful on this date').waitFor();
    await page
      .getByTestId('budgets')
      .getByRole('row', { name: /^Walsall place £640,000,000.00/ })
      .waitFor();
    await expectAccessible(page);
  });

  it("shows a trust's collaborative and place on its organisation page", async () => {
    await page.goto(`${server.url}/organisations/RBK?kind=trust`);
    const section = page.getByTestId('organisation-ics');
    await section.getByRole('heading', { name: 'In the ICS operating model' }).waitFor();
    await section.getByText('Walsall place partnership').waitFor();
    await section.getByText(/^Black Country Provider Collaborative \(acute\)/).waitFor();
    await expectAccessible(page);
  });
});
