import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, openSection, signedInPage, signedInSuite } from './browser.ts';
import { publishSmallReport, reportsFolder } from './population.ts';
import type { RunningServer } from './server.ts';

/**
 * The population health and contract pages in a real browser against the real server: a
 * small synthetic report published for NHS Black Country (QUA) the way `concordat analyse
 * --publish` does, the example contracts replayed through the API, and the demo's stored
 * Dudley contract taken one event further by its commissioner, not offered to a trust that is
 * not party to it, and a subcontract approval refused to NHS England, naming the rule.
 */
describe('population health and contracts in Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const { work, hooks } = reportsFolder();
  signedInSuite((suite) => {
    ({ server, browser, page } = suite);
  }, hooks);

  it('says how to publish a report while none is published, then shows it once published', async () => {
    await openSection(page, 'Population health');
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
    expect(await page.getByTestId('risk-discrimination').textContent()).toContain('area under the ROC curve');
    expect(await page.getByTestId('premature-mortality').textContent()).toContain('Deaths under 75');
    expect(await page.getByTestId('slope-index').textContent()).toMatch(/Life expectancy, males/);
    expect(await page.getByTestId('slope-index').textContent()).toMatch(/Decile 1 \(most deprived\)/);
    expect(await page.getByTestId('expected-prevalence').textContent()).toContain('Hypertension');
    expect(await page.getByTestId('multimorbidity-score').textContent()).toContain('15 of the 20 conditions');
    expect(await page.getByTestId('trends').textContent()).toContain('2025/26');
    expect(await page.getByTestId('ethnicity-groups').textContent()).toContain(
      'Mixed or Multiple ethnic groups',
    );
    await expectAccessible(page);
  }, 180_000);

  it("refuses another ICB's report to a commissioner of NHS Black Country", async () => {
    await page.getByLabel('ICB code').fill('QHM');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByText('Only commissioners of the ICB and assurers').waitFor();
  });

  it('replays the Dudley example: the timeline, practices, subcontracts and compliance calendar', async () => {
    await page.getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('heading', { name: 'Replay a contract file' }).waitFor();
    await page.getByLabel('Choose an example').selectOption('dudley-icp');
    await expect.poll(() => page.locator('#contract').inputValue()).toContain('id: dudley-icp');
    await page.locator('#on').fill('30');
    await page.locator('#on-month').fill('6');
    await page.locator('#on-year').fill('2021');
    await page.getByRole('button', { name: 'Replay the contract' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await page.getByRole('heading', { level: 2, name: /on 30 June 2021$/ }).count()).toBe(1);
    const rows = await timeline.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(await timeline.textContent()).toContain('Intention to award advertised');
    expect(await page.getByTestId('practices').textContent()).toMatch(
      /integrated from \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(await page.getByTestId('calendar').textContent()).toMatch(/Met|Due|Overdue|Upcoming/);
    await expectAccessible(page);
  });

  it('shows the events the rules refuse in the GP federation example, with rule ids and citations', async () => {
    await page.getByLabel('Choose an example').selectOption('gp-federation-refused-events');
    await expect.poll(() => page.locator('#contract').inputValue()).toContain('id: federation-icp');
    await page.locator('#on').fill('30');
    await page.locator('#on-month').fill('6');
    await page.locator('#on-year').fill('2026');
    await page.getByRole('button', { name: 'Replay the contract' }).click();
    await page.getByRole('heading', { level: 2, name: /on 30 June 2026$/ }).waitFor();
    const refusals = page.getByTestId('refusals');
    expect(await refusals.getByRole('heading', { level: 2 }).textContent()).toMatch(
      /^Refused events \([1-9]\d*\)$/,
    );
    const first = refusals.locator('li.nhsuk-card').first();
    expect(await first.textContent()).toContain('2 April 2024: procurement-started by the commissioner');
    expect(await first.locator('code').textContent()).toBe('system.procurement.psr-2023');
    expect(await first.getByRole('link', { name: /Provider Selection Regime/ }).getAttribute('href')).toBe(
      'https://www.legislation.gov.uk/uksi/2023/1348',
    );
    expect(await page.getByTestId('timeline').locator('tr[data-outcome="refused"]').count()).toBeGreaterThan(
      1,
    );
    expect(await page.getByTestId('performance').textContent()).toContain('£40,000.00 of payment withheld');
    expect(await page.getByTestId('subcontracts').textContent()).toContain('£180,000.00');
  });

  it('names the problem when the pasted file is not a contract', async () => {
    await page.locator('#contract').fill('particulars: {}\nevents: []\n');
    await page.getByRole('button', { name: 'Replay the contract' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#contract');
    await expectAccessible(page);
  });

  it('opens the stored Dudley contract and records its next event as the commissioner', async () => {
    await page.getByRole('link', { name: 'Contracts' }).click();
    await page
      .getByTestId('stored-contracts')
      .getByRole('link', { name: /^Dudley Integrated Care Provider Contract/ })
      .click();
    await page
      .getByRole('heading', { level: 1, name: /^Dudley Integrated Care Provider Contract/ })
      .waitFor();
    // The demo holds the contract's first year: the page opens on its last recorded event.
    await page.getByRole('heading', { level: 2, name: /on 25 June 2021$/ }).waitFor();
    expect(await page.getByTestId('practices').textContent()).toContain('Moss Grove Surgery');
    expect(await page.getByTestId('subcontracts').textContent()).toMatch(
      /Black Country Partnership NHS Foundation Trust \(key subcontract\).*live/,
    );
    expect(await page.getByTestId('recorded-events').textContent()).toContain('Concordat (demo or import)');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Record the event' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(
      await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['#event-type', '#event-on']);
    await expectAccessible(page);

    // The event is chosen by its plain-English name; its fields come from the event schema.
    await page.getByLabel('What happened').selectOption({ label: 'Variation agreed' });
    await page.locator('#event-on').fill('1');
    await page.locator('#event-on-month').fill('9');
    await page.locator('#event-on-year').fill('2021');
    // The event's own fields are named in the summary too.
    await page.getByRole('button', { name: 'Record the event' }).click();
    expect(
      await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['#event-description']);
    await page.getByLabel('Description').fill('Add the urgent treatment centre at Russells Hall');
    await page.getByRole('button', { name: 'Add one to Services added' }).click();
    // Each field answers as it is typed in.
    await page.locator('#event-add_services-0-id').fill('Urgent treatment');
    expect(await page.locator('#event-add_services-0-id-error').textContent()).toContain(
      'must be lowercase words joined by dashes',
    );
    await page.locator('#event-add_services-0-id').fill('urgent-treatment');
    expect(await page.locator('#event-add_services-0-id-error').count()).toBe(0);
    await page.locator('#event-add_services-0-name').fill('Urgent treatment centre');
    await page.getByLabel('Healthcare').check();
    // The contract's commissioners are offered by name (two of them, so as radios).
    const commissioner = page.locator('#event-add_services-0-commissioner');
    expect(await page.locator(`label[for="event-add_services-0-commissioner"]`).textContent()).toBe(
      'NHS Dudley CCG',
    );
    await commissioner.check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record the event' }).click();
    expect(await page.getByTestId('event-recorded').textContent()).toContain(
      'Recorded: Variation: Add the urgent treatment centre at Russells Hall. The contract is live',
    );
    await page.getByRole('heading', { level: 2, name: /on 1 September 2021$/ }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain(
      'Variation: Add the urgent treatment centre',
    );
    expect(await page.getByTestId('recorded-events').textContent()).toContain(
      'NHS Black Country ICB commissioner',
    );
    expect(await page.getByTestId('recorded-events').textContent()).toContain(
      '1 September 2021: Variation agreed by the commissioners',
    );
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(0);
    await expectAccessible(page);
  });

  it('offers the event form only to a party, and offers NHS England no statutory decision of the commissioners', async () => {
    // The Dudley Group is not party to this contract, so it is offered no event to record.
    const outsider = await signedInPage(browser, server, 'provider');
    try {
      await outsider.goto(`${server.url}/contracts/dudley-icp`);
      await outsider.getByRole('heading', { level: 2, name: /on 1 September 2021$/ }).waitFor();
      await outsider.waitForLoadState('networkidle');
      expect(await outsider.getByTestId('record-event').count()).toBe(0);
    } finally {
      await outsider.context().close();
    }
    // NHS England (the assurer) records events as itself, but approving a subcontract or ending
    // the contract is the commissioners' (the API refuses it too, naming the rule).
    const decisions = [
      'Subcontract approved',
      'Subcontract declined',
      'Commissioners end the contract or a service',
    ];
    const offered = async (role: 'assurer' | 'commissioner') => {
      const page = await signedInPage(browser, server, role);
      try {
        await page.goto(`${server.url}/contracts/dudley-icp`);
        await page.getByRole('heading', { level: 2, name: /on 1 September 2021$/ }).waitFor();
        const options = await page.getByLabel('What happened').locator('option').allTextContents();
        if (role === 'assurer') await expectAccessible(page);
        return options;
      } finally {
        await page.context().close();
      }
    };
    const assurer = await offered('assurer');
    expect(assurer).toContain('Variation agreed');
    for (const decision of decisions) expect(assurer).not.toContain(decision);
    const commissioner = await offered('commissioner');
    for (const decision of decisions) expect(commissioner).toContain(decision);
  });
});
