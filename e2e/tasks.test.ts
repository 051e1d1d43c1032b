import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsPhone, openSection, signedInSuite } from './browser.ts';
import { publishSmallReport, reportsFolder } from './population.ts';
import type { RunningServer } from './server.ts';

/**
 * The everyday tasks a commissioning manager tried on the demo (issue 13), each performed
 * as written, from the signed-in home page, in Debian's Chromium against the real server.
 * Screenshots for docs/web.md are taken here when DOCS_SCREENSHOTS is set.
 */
describe('a commissioner’s everyday tasks in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  // Population health reports are published where the server reads them (task 7).
  const { work, hooks } = reportsFolder();
  signedInSuite((suite) => {
    ({ server, browser, page } = suite);
  }, hooks);

  /** With DOCS_SCREENSHOTS=1, saves the part of the page docs/web.md shows (docs/images/web/NAME.png). */
  const docShot = async (part: Locator, name: string) => {
    if (!process.env.DOCS_SCREENSHOTS) return;
    mkdirSync('docs/images/web', { recursive: true });
    await part.scrollIntoViewIfNeeded();
    const box = await part.boundingBox();
    if (!box) throw new Error(`nothing to photograph for ${name}`);
    const scroll = await part.page().evaluate(() => window.scrollY);
    // At most 480 px tall, to keep the images in the docs small.
    const clip = { x: box.x, y: box.y + scroll, width: box.width, height: Math.min(box.height, 480) };
    await part.page().screenshot({ path: `docs/images/web/${name}.png`, clip, fullPage: true });
  };

  const home = async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  };

  /** From the home page, the Dudley place arrangement through *Arrangements*. */
  const openDudley = async () => {
    await home();
    await page.getByRole('link', { name: 'Arrangements' }).first().click();
    await page
      .getByRole('link', { name: /^Dudley place integrated care/ })
      .first()
      .click();
  };

  it('task 1: find my ICB and a GP practice', async () => {
    await home();
    await page.getByRole('link', { name: 'System explorer' }).click();
    await page.getByLabel('Find an organisation').fill('black country');
    const results = page.getByTestId('search-results');
    await results.waitFor();
    // The ICB comes first, named as people write it, with its code as secondary text.
    const first = results.locator('li').first();
    expect(await first.getByRole('link').first().textContent()).toBe(
      'NHS Black Country Integrated Care Board',
    );
    expect(await first.textContent()).toContain('Integrated care board QUA');
    const kinds = await results.locator('.concordat-secondary').allTextContents();
    const practice = kinds.findIndex((k) => k.startsWith(' GP practice') || k.startsWith('GP practice'));
    const subIcb = kinds.findIndex((k) => /Sub-ICB location/.test(k));
    if (practice >= 0 && subIcb >= 0) expect(subIcb).toBeLessThan(practice);
    // Each result is compact: a name and one line about it.
    const box = await first.boundingBox();
    expect(box?.height).toBeLessThan(90);
    await expectAccessible(page);
    await docShot(results, 'search');

    await page.getByLabel('Find an organisation').fill('Moss Grove');
    const practiceLink = results.getByRole('link', { name: /^Moss Grove Surgery/ });
    await practiceLink.waitFor();
    expect(await results.textContent()).toContain('GP practice');
    await practiceLink.click();
    await page.getByRole('heading', { level: 1, name: /Moss Grove Surgery/ }).waitFor();
    await expectAccessible(page);
  });

  it('task 2: check the Dudley arrangement on 15 Jan 2018 and 15 Jan 2019 and understand why the findings differ', async () => {
    await openDudley();
    await page.getByTestId('checked-on').first().waitFor();

    await page.getByLabel('Check on').selectOption('other');
    await page.locator('#check-on-other').fill('15');
    await page.locator('#check-on-other-month').fill('1');
    await page.locator('#check-on-other-year').fill('2018');
    await page.getByLabel('Compare with').selectOption('other');
    await page.locator('#compare-on-other').fill('15');
    await page.locator('#compare-on-other-month').fill('1');
    await page.locator('#compare-on-other-year').fill('2019');
    await page
      .getByRole('heading', { name: 'What differs between 15 January 2018 and 15 January 2019' })
      .waitFor();
    // The dates are in the address, so the comparison can be bookmarked or shared.
    const address = new URL(page.url());
    expect(address.searchParams.get('on')).toBe('2018-01-15');
    expect(address.searchParams.get('compare')).toBe('2019-01-15');
    // Both dates fall before the arrangement's term, and the page says so.
    expect(await page.locator('.nhsuk-warning-callout').count()).toBe(2);
    expect(await page.locator('.nhsuk-warning-callout').first().textContent()).toContain(
      '15 January 2018 is before the arrangement’s term starts',
    );
    // Each rule version that differs is named by its title, the id kept in technical details.
    const changes = page.getByTestId('rule-changes');
    await changes.waitFor();
    const first = await changes.locator('li').first().textContent();
    expect(first).toMatch(/in force from \d{1,2} [A-Z][a-z]+ \d{4}/);
    await expectAccessible(page);
    await docShot(changes, 'compare-dates');

    // Opening the address again shows the same comparison.
    await page.goto(`${server.url}${address.pathname}${address.search}`);
    await page
      .getByRole('heading', { name: 'What differs between 15 January 2018 and 15 January 2019' })
      .waitFor();
  });

  it('task 3: create a pooled arrangement for community health and adult social care between the ICB and a council, and check it', async () => {
    await home();
    await page.getByRole('link', { name: 'Arrangements' }).first().click();
    await page.getByRole('link', { name: 'Create an arrangement' }).click();
    await page.getByRole('heading', { name: 'How do you want to start?' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('From nothing').check();
    const next = () => page.getByRole('button', { name: 'Continue' }).click();
    await next();

    await page.getByRole('heading', { name: 'What is the arrangement called?' }).waitFor();
    // Continuing with nothing filled in names what is missing, in a sentence.
    await next();
    await page.locator('.nhsuk-error-summary').getByText('Enter the name of the arrangement').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Name', { exact: true }).fill('Dudley community health and adult social care pool');
    await page.getByLabel('Place or system it serves (optional)').fill('Dudley');
    await next();

    // Commissioners are picked from the registry by name, with the code as secondary text.
    await page.getByRole('heading', { name: 'Who commissions it?' }).waitFor();
    const pick = async (label: string, search: string, name: string) => {
      await page.getByLabel(label).fill(search);
      await page.getByRole('button', { name: `Add ${name}`, exact: true }).click();
    };
    await page.getByLabel('Add a commissioner').fill('Black Country');
    const results = page.getByTestId('commissioners-results');
    await results.waitFor();
    expect(await results.locator('li').first().textContent()).toContain('Integrated care board QUA');
    await expectAccessible(page);
    await page
      .getByRole('button', { name: 'Add NHS Black Country Integrated Care Board', exact: true })
      .click();
    // The council by name, its kind and code beneath: not the places or practices called Dudley.
    await page.getByLabel('Add a commissioner').fill('Dudley');
    await results.getByText('Local authority E08000027').waitFor();
    await docShot(results, 'create-pick-commissioner');
    await page.getByRole('button', { name: 'Add Dudley', exact: true }).click();
    const commissioners = page.getByTestId('commissioner');
    expect(await commissioners.count()).toBe(2);
    expect(await commissioners.nth(1).textContent()).toContain('Local authority, code E08000027');
    await expectAccessible(page);
    await next();

    await page.getByRole('heading', { name: 'Who provides the services?' }).waitFor();
    await pick(
      'Add a provider from the NHS registry',
      'Dudley Group',
      'The Dudley Group NHS Foundation Trust',
    );
    await page.getByTestId('provider').waitFor();
    await next();

    await page.getByRole('heading', { name: 'Which services does it cover?' }).waitFor();
    for (const service of ['Community health services', 'Adult social care']) {
      await page.getByLabel('Add a service').selectOption({ label: service });
      await page.getByRole('button', { name: 'Add the service' }).click();
    }
    const services = page.getByTestId('service');
    expect(await services.count()).toBe(2);
    // Each service goes to the commissioner whose function it is: the council's social care.
    expect(await page.locator('#services-1-commissioner option:checked').textContent()).toBe('Dudley');
    // Now whole enough to check: the check runs as the arrangement is written.
    await page
      .getByTestId('check-status')
      .getByText(/^Checked against the rules in force on /)
      .waitFor();
    await expectAccessible(page);
    await next();

    await page.getByRole('heading', { name: 'How is the money brought together?' }).waitFor();
    await page.getByRole('button', { name: 'Add a fund' }).click();
    const fund = page.getByTestId('fund');
    await fund.waitFor();
    expect(await page.getByLabel('Name of the fund').inputValue()).toBe('Dudley pooled fund');
    expect(await page.locator('#funds-0-host option:checked').textContent()).toBe('Dudley');
    expect(await fund.getByLabel('Community health services').isChecked()).toBe(true);
    expect(await fund.getByLabel('Adult social care').isChecked()).toBe(true);
    await expectAccessible(page);
    await next();

    await page.getByRole('heading', { name: 'How much money goes in, and from whom?' }).waitFor();
    await page.getByRole('button', { name: 'Add a funding stream' }).click();
    await page.getByRole('button', { name: 'Add a funding stream' }).click();
    await page.locator('#funding_streams-0-annual_value').fill('18,400,000.00');
    await page.locator('#funding_streams-1-annual_value').fill('22,300,000.00');
    expect(await page.getByTestId('funding-total').textContent()).toBe('Total a year: £40,700,000.00');
    await next();
    for (const question of [
      'Which GP practices take part?',
      'Which services are subcontracted?',
      'What does the provider do in each commissioning activity?',
    ]) {
      await page.getByRole('heading', { name: question }).waitFor();
      await next();
    }

    // Each finding is placed against the field it concerns, by the rule's title; the rule's id
    // is only under "Sources and technical details". Ticking the box re-checks and it goes.
    await page.getByRole('heading', { name: 'When does it start and end?' }).waitFor();
    const fill = async (id: string, [d, m, y]: string[]) => {
      await page.locator(`#${id}`).fill(d as string);
      await page.locator(`#${id}-month`).fill(m as string);
      await page.locator(`#${id}-year`).fill(y as string);
    };
    await fill('term-start', ['1', '4', '2027']);
    await fill('term-end', ['31', '3', '2037']);
    const exit = page.locator('[data-about="term-exit_arrangements"]');
    await exit
      .locator('strong', { hasText: 'Commissioners keep rights to terminate, suspend and manage exit' })
      .waitFor();
    expect(await exit.getByText(/^Rule /).isVisible()).toBe(false);
    await expectAccessible(page);
    await docShot(page.getByTestId('exit-arrangements'), 'create-finding-at-field');
    await page.locator('#term-exit_arrangements').check();
    await exit.waitFor({ state: 'detached' });
    await next();

    // Check your answers: every part with its Change link, and what the check found.
    await page.getByRole('heading', { name: 'Check your answers before saving' }).waitFor();
    const summary = page.getByTestId('arrangement-summary');
    expect(await summary.textContent()).toContain('Dudley pooled fund');
    expect(await summary.textContent()).toContain('£40,700,000.00');
    await page.getByRole('heading', { name: 'What the check found' }).waitFor();
    expect(await page.getByTestId('check-status').textContent()).toMatch(
      /Checked against the rules in force on .*: 0 errors/,
    );
    await page.getByRole('button', { name: 'Create the arrangement' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Enter why you are creating it').waitFor();
    await expectAccessible(page);
    await page
      .getByLabel('Why are you creating it?')
      .fill('Pooling agreed by the ICB board and Dudley Council');
    await page.getByRole('button', { name: 'Create the arrangement' }).click();
    await page.getByTestId('saved').getByText('Created as version 1.').waitFor();
    await page
      .getByRole('heading', { level: 1, name: 'Dudley community health and adult social care pool' })
      .waitFor();
    const address = new URL(page.url()).pathname;
    await expectAccessible(page);

    // A second version: the term lengthened to twelve years, which the check warns about.
    await page.getByRole('link', { name: 'Change the arrangement' }).click();
    await page.getByRole('heading', { name: 'Check your answers before saving' }).waitFor();
    await page.getByRole('link', { name: 'Change term' }).click();
    await page.getByRole('heading', { name: 'When does it start and end?' }).waitFor();
    await fill('term-end', ['31', '3', '2039']);
    await page
      .locator('[data-about="term-end"]')
      .locator('strong', { hasText: 'Longest ICP Contract term the national guidance contemplates' })
      .waitFor();
    await page.getByRole('button', { name: 'Back to check your answers' }).click();
    await page.getByLabel('Why are you making this change?').fill('Term extended to twelve years');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByTestId('saved').getByText('Saved as version 2.').waitFor();

    // The two versions side by side: what changed, and the finding the change brought.
    await page.getByRole('link', { name: 'Compare versions side by side' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare versions' }).waitFor();
    const changes = page.getByTestId('version-changes');
    await changes.waitFor();
    const row = changes.locator('tr', { hasText: 'Ends' });
    expect(await row.locator('td').allTextContents()).toEqual(['31 March 2037', '31 March 2039']);
    const brought = page.getByTestId('findings-new');
    await brought
      .getByRole('heading', { name: 'Longest ICP Contract term the national guidance contemplates' })
      .waitFor();
    await expectAccessible(page);
    await docShot(page.locator('main'), 'compare-versions');
    await docShot(page.getByTestId('version-changes'), 'version-changes');

    // Restoring version 1 saves it again as version 3, with the reason kept.
    expect(await page.getByLabel('Version to restore').inputValue()).toBe('1');
    await page.getByLabel('Why are you restoring it?').fill('The board agreed ten years');
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByTestId('saved').getByText('Saved as version 3.').waitFor();
    expect(new URL(page.url()).pathname).toBe(address);
    await page.getByRole('cell', { name: 'Restored version 1: The board agreed ten years' }).waitFor();
    expect(await page.getByTestId('arrangement-summary').textContent()).toContain('31 March 2037');
    await expectAccessible(page);

    // On a phone, none of these pages is wider than the screen.
    await expectFitsPhone(
      page,
      server.url,
      [
        '/arrangements/new',
        '/arrangements/new/commissioners',
        `${address}/change/check`,
        `${address}/change/funds`,
        `${address}/versions?from=1&to=2`,
      ],
      { accessible: true },
    );
  });

  /** The explanation opened as the row beneath the figure clicked, and both are on the screen. */
  const expectOpenedBeneath = async (figure: Locator, trace: Locator) => {
    const screen = page.viewportSize();
    const f = await figure.boundingBox();
    const t = await trace.boundingBox();
    if (!screen || !f || !t) throw new Error('the figure or its explanation is not shown');
    expect(f.y, 'the figure clicked is on the screen').toBeGreaterThanOrEqual(0);
    expect(t.y, 'the explanation starts on the screen').toBeLessThan(screen.height - 100);
    expect(t.y - (f.y + f.height), 'the explanation starts just beneath the figure').toBeGreaterThanOrEqual(
      0,
    );
    expect(t.y - (f.y + f.height), 'the explanation starts just beneath the figure').toBeLessThan(60);
  };

  /** Nothing a developer names things by: ids from the arrangement file, rule or parameter ids, the source papers' file names. */
  const expectPlainNames = async (part: Locator) => {
    const text = (await part.textContent()) ?? '';
    for (const code of [
      /\bchc\b/,
      /\b(pooling|payment|money)\.[a-z]/,
      /\bseeds?\b/i,
      /\b(black-country-icb|dudley-council|dudley-group|gp-core|social-care|public-health|la-public-health)\b/,
      /\b(continuing-healthcare|community-health|adult-social-care|primary-medical|icb-core)\b/,
      /\b[a-z]+_[a-z_]+\b/,
    ])
      expect(text).not.toMatch(code);
  };

  it('task 4: view the budget and trace one figure to its source', async () => {
    await openDudley();
    await page.getByRole('link', { name: 'Budget and payments' }).click();
    await page.getByTestId('budget-totals').waitFor();

    // Click a figure: how it was reached opens beneath it, where the reader is looking.
    const toIcp = page.getByRole('button', {
      name: '£167,780,000.00: how the budget to the ICP was reached',
    });
    await toIcp.click();
    const trace = page.getByTestId('trace');
    await trace.getByText('Built from:').waitFor();
    await expectOpenedBeneath(toIcp, trace);
    // Traced to each service by name with who commissions it, and to the papers and Acts behind it.
    await trace.getByText('Pooled budget: £115,600,000.00').click();
    const pooled = (await trace.textContent()) ?? '';
    expect(pooled).toContain('NHS continuing healthcare from NHS Black Country Integrated Care Board');
    expect(pooled).toContain('Adult social care from Dudley Metropolitan Borough Council');
    expect(pooled).toContain('(National Health Service Act 2006, s.3 and s.75)');
    expect(pooled).toContain('NHS England, Draft ICP Contract: a consultation, August 2018, paragraph 39');
    await expectPlainNames(trace);
    await expectAccessible(page);
    await docShot(trace, 'budget-trace');

    // A figure further down, the first year's WPAP: its explanation replaces the first, beneath it.
    const wpap = page.getByRole('button', { name: /: how the WPAP for 2026\/27 was reached$/ });
    await wpap.click();
    await trace.getByText('WPAP 2026/27: £166,412,180.00', { exact: true }).waitFor();
    expect(await page.getByTestId('trace').count()).toBe(1);
    await expectOpenedBeneath(wpap, trace);
    await trace.getByText('CQUIN money at risk: £1,089,820.00').click();
    expect(await trace.textContent()).toContain('CQUIN rate (locally agreed): 1.25%, from 1 April 2026');
    await expectPlainNames(trace);
    await trace.getByRole('button', { name: 'Close' }).click();
    expect(await wpap.evaluate((el) => el === document.activeElement)).toBe(true);

    // Why the WPAP (£166.41m) is not the budget (£167.78m): each step in pounds and pence, adding up.
    const steps = page.getByTestId('budget-to-wpap');
    const keys = await steps.locator('dt').allTextContents();
    const amounts = await steps.locator('dd').allTextContents();
    expect(keys[0]).toBe('Budget to the ICP on 1 April 2026');
    expect(keys).toContain('CQUIN money held at risk until earned');
    expect(amounts[0]).toBe('£167,780,000.00');
    expect(amounts.at(-1)).toBe('£166,412,180.00');
    const pence = (text: string) => (text.startsWith('−') ? -1 : 1) * Number(text.replace(/[^\d]/g, ''));
    const stepped = amounts.slice(1, -1).reduce((total, a) => total + pence(a), pence(amounts[0] ?? ''));
    expect(stepped).toBe(pence(amounts.at(-1) ?? ''));
    await docShot(steps, 'budget-wpap');

    // List sizes and the count of practices under one dated source, named once.
    const practices = (await page.getByTestId('practice-lists').textContent()) ?? '';
    expect(practices).toMatch(
      /2 practices, 25,391 registered patients\. Source: NHS Digital.s Quality and Outcomes Framework 2020\/21 practice list sizes, counted on 1 January 2021\./,
    );
    expect((await page.locator('main').textContent())?.match(/counted on/g)).toHaveLength(1);
    await expectPlainNames(page.locator('main'));
    await expectAccessible(page);
  });

  it('task 6: record a contract event ("obligation met")', async () => {
    await home();
    await page.getByRole('link', { name: 'Contracts' }).first().click();
    await page
      .getByTestId('stored-contracts')
      .getByRole('link', { name: /^Dudley Integrated Care Provider Contract/ })
      .click();
    await page.getByTestId('record-event').waitFor();
    await page.getByLabel('What happened').selectOption({ label: 'Obligation met' });
    // The contract's own obligations, by name and due date: no internal id to type.
    // A list of a few is shown as radios, a longer one as a drop-down: either way, by name.
    await page.locator('#event-occurrence').waitFor({ state: 'attached' });
    const select = page.locator('select#event-occurrence');
    const asList = (await select.count()) > 0;
    const options = asList
      ? (await select.locator('option').allTextContents()).slice(1)
      : await page.locator('[data-testid="record-event"] .nhsuk-radios__label').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    for (const text of options) {
      expect(text).toMatch(/, due \d{1,2} [A-Z][a-z]+ \d{4}/);
      expect(text).not.toMatch(/lifecycle\.|\.[a-z]+-[a-z]+/);
    }
    await page.getByRole('button', { name: 'Record the event' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    // Every message reads as a sentence.
    expect(await summary.locator('a').allTextContents()).toContain('Choose which obligation was met');
    await expectAccessible(page);
    await docShot(
      page
        .locator('#event-occurrence')
        .locator('xpath=ancestor::div[contains(@class,"nhsuk-form-group")][1]'),
      'obligation-met',
    );

    const chosen = (options[0] as string).trim();
    if (asList) await select.selectOption({ label: chosen });
    else await page.getByLabel(chosen).check();
    const due = /due (\d{1,2}) ([A-Z][a-z]+) (\d{4})/.exec(chosen);
    const month = new Date(`${due?.[2]} 1, 2000`).getMonth() + 1;
    const last = await page.locator('#event-on-hint').textContent();
    const lastDate = /last recorded event, (\d{1,2}) ([A-Z][a-z]+) (\d{4})/.exec(last ?? '');
    // Met on its due date, or on the last recorded event's date if that is later.
    const useLast =
      lastDate &&
      new Date(`${lastDate[2]} ${lastDate[1]}, ${lastDate[3]}`) >
        new Date(`${due?.[2]} ${due?.[1]}, ${due?.[3]}`);
    const [d, m, y] = useLast
      ? [lastDate?.[1], String(new Date(`${lastDate?.[2]} 1, 2000`).getMonth() + 1), lastDate?.[3]]
      : [due?.[1], String(month), due?.[3]];
    await page.locator('#event-on').fill(d as string);
    await page.locator('#event-on-month').fill(m);
    await page.locator('#event-on-year').fill(y as string);
    await page.getByRole('button', { name: 'Record the event' }).click();
    await page.getByTestId('event-recorded').waitFor();
    expect(await page.getByTestId('event-recorded').textContent()).toMatch(/^Recorded: /);
    await expectAccessible(page);
  });

  it('task 5: regroup places and save', async () => {
    await home();
    await page.getByRole('link', { name: 'Place allocation' }).click();
    await page.getByTestId('need-indices').waitFor();
    const move = page.getByTestId('move-practices');
    // A whole primary care network moves in one go.
    const pcn = move.getByLabel('A whole primary care network');
    const network = (await pcn.locator('option').first().textContent()) ?? '';
    const size = Number(/\((\d+) practices?\)/.exec(network)?.[1]);
    expect(size).toBeGreaterThan(0);
    await move.getByLabel('Move into').selectOption({ index: 0 });
    const first = page.getByTestId('place-0');
    const count = async () =>
      Number(/^(\d+) practices?/.exec((await first.locator('p').first().textContent()) ?? '')?.[1]);
    const before = await count();
    await move.getByRole('button', { name: 'Move the network' }).click();
    expect(await count()).toBeGreaterThan(before);
    // Several ticked practices move together.
    await page
      .getByTestId('place-1')
      .getByText(/^Practices in /)
      .click();
    const boxes = page.getByTestId('place-1').locator('input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const beforeTicked = await count();
    await move.getByRole('button', { name: 'Move the ticked practices' }).click();
    expect(await count()).toBe(beforeTicked + 2);
    await expectAccessible(page);
    await docShot(move, 'move-practices');

    await page.getByLabel('Name of the grouping').fill('Places by network (browser test)');
    await page.getByLabel('Why you are saving it').fill('Moved a primary care network');
    await page.getByRole('button', { name: 'Save grouping' }).click();
    await page.getByText('Saved “Places by network (browser test)” as version 1').waitFor();
  });

  it('task 7: population health for a place', async () => {
    // An analyst has run `concordat analyse --area icb --area place --publish` on a small synthetic population.
    await publishSmallReport('QUA', work, process.env, ['icb', 'place']);
    await home();
    await openSection(page, 'Population health');
    // The whole ICB first, named: never a bare code.
    await page
      .getByRole('heading', { level: 1, name: 'Population health for NHS Black Country ICB' })
      .waitFor();
    await page.getByTestId('population-report').waitFor();

    // Which part of the ICB? A place, then the place by its name.
    await page.getByLabel('A place').check();
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Choose a place').waitFor();
    await expectAccessible(page);
    const places = await page.getByLabel('Which place?').locator('option').allTextContents();
    expect(places).toEqual(['Choose a place', 'Dudley', 'Sandwell', 'Walsall', 'Wolverhampton']);
    await page.getByLabel('Which place?').selectOption({ label: 'Dudley' });
    await page.getByRole('button', { name: 'Show the report' }).click();
    const heading = page.getByRole('heading', {
      level: 1,
      name: 'Population health for Dudley place, NHS Black Country ICB',
    });
    await heading.waitFor();
    const report = page.getByTestId('population-report');
    await expect
      .poll(() => report.textContent())
      .toContain('Dudley place, NHS Black Country ICB (SYNTHETIC)');
    expect(await page.getByTestId('synthetic').textContent()).toContain('SYNTHETIC DATA');
    // Small areas lose more figures to suppression, and the page says so in words.
    expect(await page.getByTestId('suppression').textContent()).toContain(
      'Dudley place is part of NHS Black Country ICB: the smaller the area, the more of its figures are suppressed or withheld',
    );
    await page.getByTestId('pyramid').locator('svg').first().waitFor();
    expect(await page.getByTestId('life-expectancy').textContent()).toContain('Female');
    // The place is in the address, so the report can be bookmarked or shared.
    const address = new URL(page.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({
      icb: 'QUA',
      kind: 'place',
      area: 'E08000027',
    });
    await expectAccessible(page);
    await docShot(report, 'population-place');

    await page.goto(`${server.url}${address.pathname}${address.search}`);
    await heading.waitFor();
    expect(await page.getByLabel('Which place?').inputValue()).toBe('E08000027');

    // A primary care network with no report yet says so, by name, and how to publish one.
    await page.getByLabel('A primary care network').check();
    await page
      .getByLabel('Which primary care network?')
      .selectOption({ label: 'Brierley Hill PCN (no report yet)' });
    await page.getByRole('button', { name: 'Show the report' }).click();
    const none = page.getByTestId('no-report');
    await none.getByText('No report has been published for Brierley Hill PCN').waitFor();
    expect(await none.textContent()).toContain('--area pcn:U66146 --publish');
    await expectAccessible(page);
  });

  it('no page is wider than a 375 px phone screen, and the header menu collapses into More', async () => {
    await expectFitsPhone(
      page,
      server.url,
      [
        '/',
        '/explorer?org=QUA&kind=icb',
        '/arrangements',
        `/arrangements/${server.arrangementId}`,
        `/arrangements/${server.arrangementId}/budget`,
        '/allocation',
        '/contracts',
        '/contracts/dudley-icp',
        '/population',
        '/population?icb=QUA&kind=place&area=E08000027',
      ],
      {
        then: async (small) => {
          await small.getByRole('button', { name: /More/ }).click();
          await small.getByRole('link', { name: 'Population health' }).waitFor();
          await expectAccessible(small);
          await docShot(small.locator('header'), 'phone-menu');
        },
      },
    );
  });

  it('loads the sign-in and home pages in 150 kB or less, compressed, asking no other host', async () => {
    const fresh = await browser.newContext({ locale: 'en-GB' });
    const tab = await fresh.newPage();
    const sizes: Promise<number>[] = [];
    const hosts = new Set<string>();
    tab.on('request', (r) => {
      hosts.add(new URL(r.url()).host);
    });
    tab.on('requestfinished', (r) => {
      sizes.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    try {
      await tab.goto(`${server.url}/`);
      await tab.getByLabel('Email address').fill(server.accounts.commissioner.email);
      await tab.getByLabel('Password').fill(server.accounts.commissioner.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('heading', { name: /^Welcome/ }).waitFor();
      await tab.waitForLoadState('networkidle');
      const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      expect(total, `first load transferred ${total} bytes`).toBeLessThanOrEqual(150 * 1024);
      expect([...hosts]).toEqual([new URL(server.url).host]);
    } finally {
      await fresh.close();
    }
  });
});
