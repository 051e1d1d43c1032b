import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsPhone, openSection, signedInPage, signedInSuite } from './browser.ts';
import type { RunningServer } from './server.ts';

const demoModel = 'NHS Black Country ICB operating model (illustrative)';
const newModel = 'Black Country operating model (browser test)';

/**
 * The ICS operating model in a real browser against the real server: NHS Black Country ICB's
 * demo model drawn board → committees → places and collaboratives, its SoRD filtered, its
 * findings on 1 July 2022 and 1 September 2023, and a trust's page naming its collaborative;
 * then the governance lead's guided editor from sign-in to a saved model read back on the
 * ICB's page, the explorer on a date, what a partner may not do, and a phone's screen.
 */
describe('ICS operating model in Chromium', { timeout: 300_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  signedInSuite((suite) => {
    ({ server, browser, page } = suite);
  });

  /** The demo model's address, from the list of models. */
  const demoHref = async () => {
    await page.goto(`${server.url}/ics`);
    const href = await page.getByRole('link', { name: demoModel }).getAttribute('href');
    if (!href) throw new Error('the demo model is not listed');
    return href;
  };

  it('draws the structure: board, committees, the four places and the collaboratives', async () => {
    await openSection(page, 'ICS operating model');
    await page.getByRole('heading', { name: 'ICS operating models' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: demoModel }).click();
    await page.getByRole('heading', { name: demoModel }).waitFor();
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
      .getByText(/^NHS England delegates pharmacy, optometry and dental services/)
      .waitFor();
    await expectAccessible(page);
    await setDate('1', '9', '2023');
    await page.getByText('Checked against the rules in force on 1 September 2023.').waitFor();
    await page.getByTestId('verdict').getByText('Lawful on this date').waitFor();
    await page
      .getByTestId('budgets')
      .getByRole('row', { name: /^Walsall place £640,000,000.00 Arrange Walsall Together/ })
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

  it('lets the governance lead create a model in the guided editor, fix the finding beside a place partnership, save it with a reason and read its SoRD on the ICB’s page', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await openSection(page, 'ICS operating model');
    await page.getByRole('link', { name: 'Create an operating model' }).click();
    await page.getByRole('heading', { name: 'Create an operating model' }).waitFor();
    await page.getByText('For NHS Black Country Integrated Care Board (QUA).').waitFor();
    await expectAccessible(page);
    await page.getByLabel('A blank operating model').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // The overview: every part, with what the check says about it.
    const parts = page.getByTestId('parts');
    await parts.waitFor();
    const status = page.getByTestId('check-status');
    await status.getByText(/^Not lawful on /).waitFor();
    // A blank board lacks the members Schedule 1B requires: the board part says so.
    await parts.getByRole('listitem').filter({ hasText: 'Board' }).getByText('2 not allowed').waitFor();
    await expectAccessible(page);

    await parts.getByRole('link', { name: 'Name and date it takes effect' }).click();
    await page.getByLabel('Name of the operating model').fill(newModel);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: newModel }).waitFor();

    // A place whose partnership lacks its local authority: the finding appears beside the members.
    await parts.getByRole('link', { name: 'Places and their partnerships' }).click();
    await page.getByRole('link', { name: 'Add a place' }).click();
    await page.getByRole('heading', { name: 'Add a place' }).waitFor();
    await page
      .getByLabel("Or choose one of the ICB's places in the registry")
      .selectOption({ label: 'Dudley' });
    await page.getByTestId('place-local-authorities').getByText('Dudley Council').waitFor();
    expect(await page.getByLabel('Name of the place').inputValue()).toBe('Dudley');
    const addMember = async (n: number, role: string): Promise<Locator> => {
      await page.getByRole('button', { name: 'Add a member' }).click();
      const member = page.getByRole('group', { name: `Member ${n}` });
      await member.getByLabel('Role in the partnership').selectOption({ label: role });
      return member;
    };
    const dph = await addMember(1, 'Director of Public Health');
    await dph.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Dudley Council' });
    const primary = await addMember(2, 'Primary care leadership (PCN clinical directors)');
    await primary.getByLabel('Note (optional)').fill("Clinical directors of Dudley's PCNs");
    // A trust picked from the registry by its name, not typed as a code.
    const community = await addMember(3, 'Community services provider');
    await community.getByText('Not in the list? Find it in the NHS registry').click();
    await community.getByLabel('Name of the organisation').fill('Dudley Group');
    await community.getByRole('button', { name: 'Choose The Dudley Group NHS Foundation Trust' }).click();
    expect(
      await community.getByLabel('Organisation', { exact: true }).locator('option:checked').textContent(),
    ).toBe('The Dudley Group NHS Foundation Trust');
    const mental = await addMember(4, 'Mental health provider');
    await mental.getByLabel('Note (optional)').fill('Black Country Healthcare NHS Foundation Trust');
    const healthwatch = await addMember(5, 'Healthwatch');
    await healthwatch.getByLabel('Note (optional)').fill('Healthwatch Dudley');

    const beside = page.getByRole('region', {
      name: 'What the check says about the members of Dudley place',
    });
    const lacking = beside.getByText(
      /^Dudley's partnership lacks the local authority; every place partnership/,
    );
    await lacking.waitFor();
    await beside
      .getByText('A place partnership has its local authority and the expected members', { exact: true })
      .waitFor();
    await beside.getByRole('link', { name: /Integrating care: next steps/ }).waitFor();
    await expectAccessible(page);

    const council = await addMember(6, 'Local authority');
    await council.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Dudley Council' });
    await lacking.waitFor({ state: 'detached' });
    await expect.poll(() => beside.count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Places and their partnerships' }).waitFor();
    await page.getByTestId('places-list').getByRole('heading', { name: 'Dudley' }).waitFor();
    await expectAccessible(page);

    // A decision the board must keep, given to an officer: the finding sits beside "Who decides".
    await page.getByRole('link', { name: 'Back to the overview' }).first().click();
    await parts.getByRole('link', { name: 'Scheme of reservation and delegation' }).click();
    await page.getByRole('link', { name: 'Add a decision' }).click();
    await page.getByLabel('The decision, in words').fill('Approve the annual report and accounts');
    await page
      .getByLabel('The ICB function it belongs to')
      .selectOption({ label: 'Approving the annual report and accounts' });
    await page.getByLabel('Who decides').selectOption({ label: 'An officer' });
    await page.getByLabel("The officer's title").fill('Chief Finance Officer');
    const who = page.getByRole('region', {
      name: 'What the check says about who takes the decision Approve the annual report and accounts',
    });
    await who
      .getByText(/is reserved to the board, but the scheme gives it to Chief Finance Officer\.$/)
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Who decides').selectOption({ label: 'The board' });
    await expect.poll(() => who.count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('sord-list').getByText('Decided by The board.', { exact: false }).waitFor();

    // Saved with a reason, as version 1, through the API with If-Match on later versions.
    await page.getByRole('link', { name: 'Back to the overview' }).first().click();
    await page.getByRole('button', { name: 'Save the operating model' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Enter why you are making this change').waitFor();
    await expectAccessible(page);
    await page
      .getByLabel('Why are you making this change?')
      .fill('First draft for the ICB board, December 2026');
    await page.getByRole('button', { name: 'Save the operating model' }).click();
    await page.getByRole('heading', { name: newModel }).waitFor();
    await page.getByText('Saved as version 1, with your reason in the audit log.').waitFor();
    await expectAccessible(page);

    // The ICB's organisation page shows the new model's board and its SoRD.
    await page.goto(`${server.url}/organisations/QUA?kind=icb`);
    const saved = page.getByRole('region', { name: newModel });
    await saved.waitFor();
    const sord = saved.getByTestId('sord');
    await sord.getByRole('row', { name: /^Approve the annual report and accounts/ }).waitFor();
    expect(await sord.locator('tbody tr td').allTextContents()).toContain('Reserved to the board');
    await saved.getByRole('row', { name: /^Chair Not recorded NHS England/ }).waitFor();
    await saved.getByText('Dudley place partnership').waitFor();
    await expectAccessible(page);
  });

  it('saves a change as a new version, and never overwrites a version someone else saved meanwhile', async () => {
    await page.goto(`${server.url}/ics`);
    await page.getByRole('link', { name: newModel }).click();
    await page.getByRole('link', { name: 'Change this operating model' }).click();
    await page.getByText('Changing version 1').waitFor();
    await page.getByTestId('parts').getByRole('link', { name: 'Delegated budgets' }).click();
    await page.getByLabel('What the ICB holds to delegate from (optional)').fill('£100,000,000');
    await page.getByLabel('Dudley place').fill('150000000');
    const budgets = page.getByRole('region', { name: 'What the check says about the delegated budgets' });
    await budgets
      .getByText(/come to £150,000,000\.00, £50,000,000\.00 more than the £100,000,000\.00 the ICB holds/)
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Dudley place').fill('£40,000,000');
    await expect.poll(() => budgets.count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Why are you making this change?').fill('Budgets agreed by the board');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText('Saved as version 2, with your reason in the audit log.').waitFor();
    const id = new URL(page.url()).pathname.split('/')[2] as string;

    // Someone else saves version 3 while this page edits version 2.
    await page.getByRole('link', { name: 'Change this operating model' }).click();
    await page.getByText('Changing version 2').waitFor();
    const api = `${server.url}/api/operating-models/${id}`;
    const stored = await (await page.request.get(api)).json();
    const other = await page.request.put(api, {
      headers: { origin: server.url, 'if-match': '"2"' },
      data: { version: 2, model: { ...stored.document, name: `${newModel}, revised` }, reason: 'Renamed' },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Why are you making this change?').fill('Nothing changed');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByText(/^Someone else saved a newer version while you were editing/)
      .waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Discard your changes' }).click();
    await page.getByRole('heading', { name: `${newModel}, revised` }).waitFor();
  });

  it("shows in the explorer, on a date, an ICB's place partnerships and a trust's collaboratives", async () => {
    await page.goto(`${server.url}/explorer?on=2024-01-01&org=QUA&kind=icb`);
    const ics = page.getByTestId('organisation-ics');
    await ics.getByRole('heading', { name: 'In the ICS operating model on 1 January 2024' }).waitFor();
    await ics.getByRole('link', { name: demoModel }).waitFor();
    expect(await ics.locator('.nhsuk-details__summary-text').allTextContents()).toEqual([
      'Dudley place partnership',
      'Sandwell place partnership',
      'Walsall place partnership',
      'Wolverhampton place partnership',
    ]);
    await ics.getByText('Walsall place partnership').click();
    await ics.getByText('Lead provider: Walsall Healthcare NHS Trust.').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Find an organisation').fill('Walsall Healthcare');
    await page.getByRole('link', { name: 'Partnerships and collaboratives on 1 January 2024' }).click();
    await page.getByTestId('partner').getByRole('link', { name: 'Walsall Healthcare NHS Trust' }).waitFor();
    await ics.getByText(/^Black Country Provider Collaborative \(acute\)/).waitFor();
    await expectAccessible(page);

    // Before the demo model took effect (1 April 2023) no stored model was in force.
    await page.goto(`${server.url}/explorer?on=2023-01-01&org=RBK&kind=trust`);
    await ics.getByText('No stored operating model in force on this date names it.').waitFor();
  });

  it('offers a partner no way to change an operating model', async () => {
    const href = await demoHref();
    const provider = await signedInPage(browser, server, 'provider');
    try {
      await provider.goto(`${server.url}/ics`);
      await provider.getByRole('link', { name: demoModel }).waitFor();
      expect(await provider.getByRole('link', { name: 'Create an operating model' }).count()).toBe(0);
      await provider.getByRole('link', { name: demoModel }).click();
      await provider.getByRole('heading', { name: demoModel }).waitFor();
      await provider.getByTestId('sord').waitFor();
      expect(await provider.getByRole('link', { name: /Change|Copy/ }).count()).toBe(0);
      await expectAccessible(provider);
      await provider.goto(`${server.url}${href}/edit`);
      await provider.getByRole('heading', { name: 'You cannot change this operating model' }).waitFor();
      expect(await provider.getByRole('button', { name: /Save/ }).count()).toBe(0);
      await expectAccessible(provider);
    } finally {
      await provider.context().close();
    }
  });

  it('fits a 375 px phone screen on every page of the model and its editor, each passing axe', async () => {
    const href = await demoHref();
    await expectFitsPhone(
      page,
      server.url,
      [
        '/ics',
        href,
        '/ics/new',
        `${href}/edit`,
        `${href}/edit/details`,
        `${href}/edit/organisations`,
        `${href}/edit/organisations/new`,
        `${href}/edit/board`,
        `${href}/edit/committees`,
        `${href}/edit/committees/1`,
        `${href}/edit/collaboratives/1`,
        `${href}/edit/places`,
        `${href}/edit/places/2`,
        `${href}/edit/sord/4`,
        `${href}/edit/budgets`,
        '/organisations/QUA?kind=icb',
        '/explorer?on=2024-01-01&org=QUA&kind=icb',
      ],
      { accessible: true },
    );
  });
});
