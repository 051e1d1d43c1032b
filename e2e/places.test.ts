import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, signedInSuite } from './browser.ts';
import type { RunningServer } from './server.ts';

/**
 * Places in a real browser against the real server: group NHS Black Country ICB's practices
 * into places, see need indices and allocations change, save the grouping and load it after
 * a reload; and practice list sizes in the system explorer.
 */
describe('places and list sizes in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let page: Page;
  signedInSuite((suite) => {
    ({ server, page } = suite);
  });

  const placeNames = async () => await page.getByTestId('need-indices').locator('tbody th').allTextContents();
  const needIndex = async (place: string) =>
    page
      .getByTestId('need-indices')
      .getByRole('row', { name: new RegExp(`^${place}`) })
      .locator('td')
      .nth(2)
      .textContent();

  const wolverhamptonAllocation = (amount: string) =>
    page
      .getByTestId('allocation')
      .getByRole('row', { name: /^Wolverhampton/ })
      .getByText(amount)
      .first()
      .waitFor();

  it('groups practices into places by local authority, moves one and sees need indices change', async () => {
    await page.getByRole('link', { name: 'Place allocation' }).click();
    await page.getByRole('heading', { name: 'Places of NHS Black Country ICB' }).waitFor();
    await page.getByTestId('need-indices').waitFor();
    // By local authority: Great Barr (M88015) sits in Birmingham, a place of one practice.
    expect(await placeNames()).toEqual(['Birmingham', 'Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    // The data has no allocation in pounds for the ICB: the pot is a figure to enter, and no
    // money is shown until it is entered.
    await page.getByTestId('pot-to-enter').waitFor();
    expect(await page.getByLabel('Amount of Core services').inputValue()).toBe('');
    expect(await page.getByTestId('allocation').count()).toBe(0);
    expect(await page.getByTestId('allocation-key-figures').textContent()).not.toContain('£');
    const before = await needIndex('Sandwell');
    expect(before).toMatch(/^\d\.\d+$/);

    await page.getByTestId('place-0').getByText('Practices in Birmingham').click();
    await page.getByLabel(/^Place for M88015/).selectOption({ label: 'Sandwell' });
    await page.getByText('Birmingham has no practices: move some into it or remove it').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Remove Birmingham' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="need-indices"] tbody tr').length === 4,
    );
    expect(await placeNames()).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    expect(await needIndex('Sandwell')).not.toBe(before);
    await expectAccessible(page);
  });

  it("works need out as NHS England's place-based allocation tool does when chosen, and says which method", async () => {
    expect(await needIndex('Sandwell')).toMatch(/^\d\.\d{4}$/);
    await page.getByLabel("As NHS England's place-based allocation tool").check();
    await page
      .getByTestId('allocation-method')
      .getByText(/NHS England's place-based allocation tool/)
      .waitFor();
    expect(await needIndex('Sandwell')).toMatch(/^\d\.\d{3}$/);
    await expectAccessible(page);
    await page.getByLabel('Exact').check();
    await page
      .getByTestId('allocation-method')
      .getByText(/^Method: exact/)
      .waitFor();
  });

  it('honours a floor and a pace of change, in pounds and pence', async () => {
    const wolverhampton = page.getByTestId('allocation').getByRole('row', { name: /^Wolverhampton/ });
    await page.getByLabel('Amount of Core services').fill('£100,000,000.00');
    await page.getByTestId('allocation-key-figures').getByText('£100.00m').waitFor();
    expect(await page.getByTestId('pot-to-enter').count()).toBe(0);
    await page.getByText('Ring-fences and floors for Core services').click();
    await page.getByLabel('Floor for Wolverhampton').fill('£30,000,000.00');
    await wolverhampton.getByText('£30,000,000.00').first().waitFor();

    await page.getByLabel('Move places towards their targets from their current allocations').check();
    for (const [place, amount] of [
      ['Dudley', '£25,000,000.00'],
      ['Sandwell', '£25,000,000.00'],
      ['Walsall', '£25,000,000.00'],
      ['Wolverhampton', '£25,000,000.00'],
    ])
      await page.getByLabel(`Current allocation of ${place}`).fill(amount as string);
    await page.getByRole('columnheader', { name: 'Distance from target' }).waitFor();
    const cells = await wolverhampton.locator('td').allTextContents();
    // Target £30m (the floor), current £25m: a quarter of the way is £26,250,000.00.
    expect(cells).toEqual(['£30,000,000.00', '£25,000,000.00', '-£5,000,000.00 (-16.67%)', '£26,250,000.00']);

    await page.getByLabel('Pace of change').fill('lots');
    await page.getByText('Pace of change must be a percentage from 0% to 100%, like 25%').waitFor();
    await page.getByLabel('Pace of change').fill('25%');
    await page.getByLabel('Move places towards their targets from their current allocations').uncheck();
    await expectAccessible(page);
  });

  it('saves the grouping, names what is missing, and loads it again after a reload', async () => {
    await page.getByRole('button', { name: 'Save grouping' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter a name for the grouping');
    expect(await summary.textContent()).toContain('Enter why you are saving it');
    await expectAccessible(page);

    await page.getByLabel('Name of the grouping').fill('Sandwell with Great Barr');
    await page.getByLabel('Why you are saving it').fill('Great Barr belongs to a Sandwell PCN');
    await page.getByRole('button', { name: 'Save grouping' }).click();
    await page
      .getByRole('status')
      .getByText('Saved “Sandwell with Great Barr” as version 1, with its pot.')
      .waitFor();

    await page.reload();
    await page.getByTestId('need-indices').waitFor();
    expect(await placeNames()).toHaveLength(5);
    await page.getByLabel('Start from').selectOption({ label: 'Sandwell with Great Barr (version 1)' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="need-indices"] tbody tr').length === 4,
    );
    expect(await placeNames()).toEqual(['Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    expect(await page.getByLabel(/^Place for M88015/).inputValue()).toBe('1');
    // The pot came back with the grouping: its amount and Wolverhampton's floor.
    expect(await page.getByLabel('Amount of Core services').inputValue()).toBe('£100,000,000.00');
    expect(await page.getByLabel('Floor for Wolverhampton').inputValue()).toBe('£30,000,000.00');
    await wolverhamptonAllocation('£30,000,000.00');
    await expectAccessible(page);
  });

  it('shows registered list sizes with thousands separators for Dudley practices in the explorer', async () => {
    await page.goto(`${server.url}/explorer?on=2026-08-01&org=E08000027&kind=place`);
    const tree = page.getByTestId('tree');
    await tree.getByRole('heading', { name: 'Dudley on 1 August 2026' }).waitFor();
    const text = (await tree.textContent()) ?? '';
    // Kingswinford Medical Practice: 7,877 registered patients in QOF 2020/21.
    expect(text).toMatch(/\(M87008\), 7,877 registered patients/);
    expect(text).toMatch(/Place E08000027: \d+ practices, \d{3},\d{3} registered patients/);
    expect(text).toMatch(/Primary care network: .*, \d+ practices, \d{1,3},\d{3} registered patients/);
    expect(text).toContain('practice list sizes on 1 January 2021');
    await expectAccessible(page);
  });
});
