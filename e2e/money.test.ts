import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, signedInSuite } from './browser.ts';
import type { RunningServer } from './server.ts';

/**
 * Money in a real browser against the real server: the demo Dudley arrangement's budget and
 * instalments, with a figure's explanation (place allocation is in places.test.ts).
 */
describe('budgets in Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let page: Page;
  signedInSuite((suite) => {
    ({ server, page } = suite);
  });

  it('shows the Dudley budget, its yearly WPAP and monthly instalments, and explains a figure', async () => {
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
    await page.getByRole('link', { name: 'Budget and payments' }).click();
    await page.getByRole('heading', { name: /^The integrated budget on 1 April 2026$/ }).waitFor();
    const flow = page.getByTestId('budget-flow');
    await flow.locator('svg').waitFor();
    const drawn = (await flow.locator('svg').textContent()) ?? '';
    expect(drawn).toContain('NHS Black Country Integrated Care Board');
    expect(drawn).toContain('The integrated care provider');
    expect(drawn).toMatch(/Pooled budget£\d{1,3}(,\d{3})+\.\d{2}/);
    const years = page.getByTestId('years');
    expect(await years.locator('tbody th').first().textContent()).toBe('2026/27');
    expect(await years.locator('tbody td').first().textContent()).toMatch(/^£\d{1,3}(,\d{3})+\.\d{2}$/);

    await page.getByText('Monthly instalments in 2026/27').click();
    const april = page.getByRole('row', { name: /April 2026/ });
    await april.waitFor();
    expect(await april.textContent()).toMatch(/1 April 2026 to 30 April 2026£[\d,]+\.\d{2}/);
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);

    await years.locator('tbody td button').first().click();
    await page.getByRole('heading', { name: 'How the WPAP for 2026/27 was reached' }).waitFor();
    await page.locator('.concordat-trace').first().waitFor();
    await expectAccessible(page);
  });
});
