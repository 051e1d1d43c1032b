import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, signedInSuite } from './browser.ts';
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
  signedInSuite((suite) => {
    ({ server, browser, page } = suite);
  });

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
    await home();
    await page.getByRole('link', { name: 'Arrangements' }).first().click();
    await page
      .getByRole('link', { name: /^Dudley place integrated care/ })
      .first()
      .click();
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

  it('no page is wider than a 375 px phone screen, and the header menu collapses into More', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'en-GB' });
    const cookies = await page.context().cookies();
    await phone.addCookies(cookies);
    const small = await phone.newPage();
    try {
      for (const path of [
        '/',
        '/explorer?org=QUA&kind=icb',
        '/arrangements',
        `/arrangements/${server.arrangementId}`,
        `/arrangements/${server.arrangementId}/budget`,
        '/allocation',
        '/contracts',
        '/contracts/dudley-icp',
        '/population',
      ]) {
        await small.goto(`${server.url}${path}`);
        await small.locator('main h1').first().waitFor();
        await small.waitForLoadState('networkidle');
        const width = await small.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(375);
      }
      await small.getByRole('button', { name: /More/ }).click();
      await small.getByRole('link', { name: 'Population health' }).waitFor();
      await expectAccessible(small);
      await docShot(small.locator('header'), 'phone-menu');
    } finally {
      await phone.close();
    }
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
