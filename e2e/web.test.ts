import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, screenshot } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The web app in a real browser against the real server: sign in, find an organisation,
 * check an arrangement on different dates, edit it, be offered no commissioner decision as a
 * provider and be refused one the law keeps for the NHS commissioner as a council. Every
 * wait is for something to appear on the page, never for time.
 */
// Each step waits for the page (up to the page's own limit) on a machine that may be busy.
describe('the web app in Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    // A British browser: dates in inputs read day/month/year.
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    page = await context.newPage();
  }, 300_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      const file = await screenshot(page, task.name);
      console.error(`Screenshot of the failed browser test: ${file}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const accessible = () => expectAccessible(page);

  const signIn = async (who: keyof RunningServer['accounts']) => {
    const account = server.accounts[who];
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Concordat' }).waitFor();
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  };

  it('asks for the missing fields in an error summary, then signs in', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Enter your email address',
      'Enter your password',
    ]);
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#email');
    await accessible();

    await page.getByLabel('Email address').fill(server.accounts.commissioner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email address or password is not right').waitFor();

    await signIn('commissioner');
    await expect(page.locator('main').textContent()).resolves.toContain('Commissioner for NHS Black Country');
    await accessible();
  });

  it('shows the arrangement on the home page, checked today, and the contract with what falls due', async () => {
    const card = page.locator('.nhsuk-card', { hasText: 'Dudley', has: page.getByTestId('verdict') });
    await card.getByTestId('verdict').waitFor();
    expect(await card.getByTestId('verdict').textContent()).toMatch(/^Lawful on this date: 0 errors/);

    const contract = page.locator('.nhsuk-card', { hasText: 'Dudley Integrated Care Provider Contract' });
    const due = contract.getByRole('list', { name: /^What falls due under/ });
    await due.waitFor();
    expect(await contract.textContent()).toMatch(
      /Live\. Provider: Dudley Integrated Health and Care NHS Trust/,
    );
    expect(await due.locator('li').count()).toBeGreaterThan(0);
    expect(await due.textContent()).toMatch(/(Overdue|Due|Upcoming).+by \d{1,2} [A-Z][a-z]+ \d{4}/);
    await accessible();
  });

  it('finds an organisation by name and by ODS code, and draws an ICB on a date', async () => {
    await page.getByRole('link', { name: 'System explorer' }).click();
    await page.getByRole('heading', { name: 'System explorer' }).waitFor();
    await page.getByLabel('Find an organisation').fill('Dudley');
    const results = page.getByTestId('search-results');
    await results.waitFor();
    expect(await results.textContent()).toContain('Dudley');

    await page.locator('#on').fill('1');
    await page.locator('#on-month').fill('8');
    await page.locator('#on-year').fill('2026');
    await page.getByLabel('Kind').selectOption('icb');
    await page.getByLabel('Find an organisation').fill('QUA');
    await results.getByText('NHS Black Country').first().waitFor();
    await results.getByRole('link', { name: 'Structure on 1 August 2026' }).first().click();

    const tree = page.getByTestId('tree');
    await tree.getByRole('heading', { name: /NHS Black Country .* on 1 August 2026/ }).waitFor();
    const text = (await tree.textContent()) ?? '';
    expect(text).toMatch(/Sub-ICB location: /);
    expect(text).toMatch(/Place: Dudley/);
    expect(text).toMatch(/Primary care network: /);
    expect(text).toMatch(/GP practice: /);
    expect(await page.getByTestId('ogl').textContent()).toContain('Open Government Licence v3.0');
    await accessible();
  });

  it('says plainly when an ICB did not exist yet on the date, instead of drawing it empty', async () => {
    await page.goto(`${server.url}/explorer?on=2021-06-01&org=QUA&kind=icb`);
    const notice = page.getByTestId('not-in-existence');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /NHS Black Country Integrated Care Board did not exist yet on 1 June 2021: it was established on 1 July 2022\./,
    );
    expect(await page.getByTestId('tree').textContent()).not.toMatch(/0 practices|no members/);
    await accessible();
    await page.goto(`${server.url}/explorer?on=2026-08-01&org=QUA&kind=icb`);
    await page.getByTestId('tree').waitFor();
  });

  it('shows the history of an organisation', async () => {
    await page.getByRole('link', { name: 'History of changes' }).click();
    await page.getByTestId('history').waitFor();
    expect(await page.locator('h1').textContent()).toContain('(QUA)');
    expect(await page.getByTestId('history').textContent()).toMatch(/Part of .*NHS region/);
    await accessible();
  });

  it('checks the arrangement on a date, with findings and citations, and the answer changes with the date', async () => {
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
    const checkedOn = page.getByTestId('checked-on');
    await checkedOn.waitFor();
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Lawful on this date/);

    await page.getByLabel('Check on').selectOption('2017-09-01');
    await page.getByRole('heading', { name: 'On 1 September 2017' }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Not lawful on this date: 1 error/);
    const finding = page.locator('[data-severity="error"]').first();
    expect(await finding.textContent()).toContain('ICB');
    expect(await finding.getByTestId('citations').textContent()).toContain('Health and Care Act 2022');
    // The rule rests on an Act no one has compared it with, and says so in words, not colour alone;
    // its id and how far it was checked are under "Technical details".
    expect(await finding.getByTestId('unchecked').textContent()).toBe(
      'Not yet checked against its published sources',
    );
    const provenance = finding.getByTestId('provenance');
    expect(await provenance.isVisible()).toBe(false);
    await finding.getByText('Technical details').click();
    await provenance.waitFor();
    expect(await provenance.textContent()).toMatch(
      /^Not yet checked against its published sources\. It cites Health and Care Act 2022/,
    );
    expect(await finding.getByTestId('technical-details').locator('code').first().textContent()).toBe(
      'system.body.icb',
    );
    await accessible();

    await page.getByLabel('Check on').selectOption('other');
    await page.locator('#check-on-other').fill('1');
    await page.locator('#check-on-other-month').fill('7');
    await page.locator('#check-on-other-year').fill('2022');
    await page.getByRole('heading', { name: 'On 1 July 2022' }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Lawful on this date/);
    await accessible();
  });

  it('shows who does what and the pooling plan, and both follow the date', async () => {
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
    const row = page.getByTestId('matrix').locator('tr[data-activity="population-needs-assessment"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Responsible (keeps the function)');
    // Each source is cited once: in the group's heading when all its activities share it, else per row.
    const sources = await page.getByTestId('matrix').getByTestId('matrix-source').allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    const verdict = page.getByTestId('pooling-verdict');
    expect(await verdict.textContent()).toMatch(/Possible.*section 75 of the NHS Act 2006/);
    expect(await page.getByTestId('pooling-funds').textContent()).toContain('Local authority');

    await page.getByLabel('Check on').selectOption('2017-09-01');
    await page.getByRole('heading', { name: 'On 1 September 2017' }).waitFor();
    await page.getByText('Not possible').waitFor();
    await accessible();
  });

  it('changes the arrangement in question pages: names each problem, then saves a new version with a reason', async () => {
    await page.getByRole('link', { name: 'Change the arrangement' }).click();
    await page.getByRole('heading', { name: 'Check your answers before saving' }).waitFor();
    await page.getByRole('link', { name: 'Change name and place' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('');
    await page.getByRole('button', { name: 'Back to check your answers' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').allTextContents()).toEqual(['Enter the name of the arrangement']);
    await accessible();

    await name.fill('Dudley place integrated care (edited in the browser)');
    await page.getByRole('button', { name: 'Back to check your answers' }).click();
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    expect(await summary.locator('a').allTextContents()).toEqual(['Enter why you are making this change']);
    await page.getByLabel('Why are you making this change?').fill('Browser test: rename');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2').waitFor();
    await page
      .getByRole('heading', { name: 'Dudley place integrated care (edited in the browser)' })
      .waitFor();
    // The versions list is read again after the save: wait for it rather than count at once.
    await page.locator('table', { hasText: 'Browser test: rename' }).waitFor();
  });

  it('refuses a version that adds a party, saying how parties change, at the field', async () => {
    await page.getByRole('link', { name: 'Change the arrangement' }).click();
    await page.getByRole('link', { name: 'Change commissioners' }).click();
    await page.getByLabel('Add a commissioner').fill('Sandwell');
    await page.getByRole('button', { name: 'Add Sandwell', exact: true }).click();
    expect(await page.getByTestId('commissioner').last().textContent()).toContain(
      'Not yet a party to this arrangement',
    );
    await page.getByRole('button', { name: 'Back to check your answers' }).click();
    expect(await page.getByTestId('party-changes').textContent()).toContain(
      'Sandwell (E08000028) would become a party as a commissioner',
    );
    await page.getByLabel('Why are you making this change?').fill('Browser test: Sandwell joins');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    const refusal = summary.getByRole('link', {
      name: /names E08000028, which is not a party to this arrangement/,
    });
    await refusal.waitFor();
    expect(await summary.textContent()).toContain('The parties to this arrangement are stored apart');
    await accessible();
    // The refusal links to the field on its page, where the council can be taken out again.
    await refusal.click();
    await page.getByRole('heading', { name: 'Who commissions it?' }).waitFor();
    await page.getByRole('button', { name: 'Remove Sandwell' }).click();
    await page.getByText('Removed Sandwell.').waitFor();
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
  });

  it('shows a proposed party change to the commissioner it awaits, who accepts it', async () => {
    // Dudley Council proposes adding Walsall Healthcare, through the API as an integrator would.
    const council = server.accounts['local-authority'];
    const headers = { 'content-type': 'application/json', origin: server.url };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: council.email, password: council.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const proposed = await fetch(`${server.url}/api/arrangements/${server.arrangementId}/parties`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: JSON.stringify({ change: 'add', organisation: 'RBK', side: 'provider', reason: 'Walsall joins' }),
    });
    expect(proposed.status).toBe(201);

    await page.reload();
    const changes = page.locator('table', { hasText: 'Proposed changes awaiting acceptance' });
    await changes.getByRole('cell', { name: 'Add RBK as a provider', exact: true }).waitFor();
    await accessible();
    await changes.getByRole('button', { name: /^Accept/ }).click();
    await page.getByText('Accepted: Add RBK as a provider has taken effect.').waitFor();
    await page
      .locator('table', { hasText: 'Party since' })
      .getByRole('cell', { name: 'RBK', exact: true })
      .waitFor();
  });

  it('offers a provider no commissioner decision, and refuses a council one the law keeps for the NHS commissioner, naming the rule', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('provider');
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
    await page.getByTestId('checked-on').waitFor();
    await page.getByText('Your role lets you read this arrangement but not change it.').waitFor();
    expect(await page.getByRole('link', { name: 'Change the arrangement' }).count()).toBe(0);
    await page.getByText('They are recorded by the commissioners party to this arrangement.').waitFor();
    expect(await page.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);

    // The council takes commissioner decisions, but an individual funding request is the NHS commissioner's.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('local-authority');
    await page.goto(`${server.url}/arrangements/${server.arrangementId}`);
    await page.locator('#decision-kind').selectOption('decide-ifr');
    await page.getByLabel('What it is about').fill('A request for a hearing aid not routinely funded');
    await page.getByLabel('The decision', { exact: true }).fill('approved');
    await page.getByLabel('Why', { exact: true }).fill('Browser test');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('reserves this decision to commissioners');
    expect(await refusal.textContent()).toContain('Individual Funding Request');
    await accessible();
  });
});
