import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, launch, screenshot } from './browser.ts';
import { publishSmallReport } from './population.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The population health and contract pages in a real browser against the real server: a
 * small synthetic report published for NHS Black Country (QUA) the way `concordat analyse
 * --publish` does, and the example contracts replayed through the API.
 */
describe('population health and contracts in Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const work = mkdtempSync(join(tmpdir(), 'concordat-e2e-pop-'));
  const previousDataDir = process.env.CONCORDAT_DATA_DIR;

  beforeAll(async () => {
    process.env.CONCORDAT_DATA_DIR = join(work, 'data');
    [server, browser] = await Promise.all([startServer(), launch()]);
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    page = await context.newPage();
    const account = server.accounts.commissioner;
    await page.goto(`${server.url}/`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  }, 300_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      console.error(`Screenshot of the failed browser test: ${await screenshot(page, task.name)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (previousDataDir === undefined) delete process.env.CONCORDAT_DATA_DIR;
    else process.env.CONCORDAT_DATA_DIR = previousDataDir;
    rmSync(work, { recursive: true, force: true });
  });

  it('says how to publish a report while none is published, then shows it once published', async () => {
    await page.getByRole('link', { name: 'Population health' }).click();
    const none = page.getByTestId('no-report');
    await none.waitFor();
    expect(await none.textContent()).toContain('concordat analyse --data data-QUA --icb QUA --publish');

    await publishSmallReport('QUA', work, process.env);
    await page.reload();
    await page.getByTestId('population-report').waitFor();
    expect(await page.getByTestId('synthetic').textContent()).toContain('SYNTHETIC DATA');
    expect(await page.getByTestId('suppression').textContent()).toMatch(/counts of 1 to 7/);
    await page.getByTestId('pyramid').locator('svg').first().waitFor();
    expect(await page.getByTestId('pyramid').textContent()).toContain('90+');
    const risk = page.getByTestId('risk-bands');
    await risk.locator('svg').first().waitFor();
    const text = (await risk.textContent()) ?? '';
    for (const band of [
      'Low (0–2 points)',
      'Moderate (3–5 points)',
      'High (6–9 points)',
      'Very high (10+ points)',
    ])
      expect(text).toContain(band);
    expect(text).toMatch(/£[\d,]+\.\d\d/);
    expect(await page.getByTestId('life-expectancy').textContent()).toContain('fewer than 5,000 people');
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 180_000);

  it("refuses another ICB's report to a commissioner of NHS Black Country", async () => {
    await page.getByLabel('ICB code').fill('QHM');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByText('Only commissioners of the ICB and assurers').waitFor();
  });
});
