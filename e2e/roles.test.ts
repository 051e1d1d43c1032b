import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocators,
  contractActorsFor,
  decisionTakers,
  editors,
  grantsFor,
  holdsOneOf,
  icbEditors,
  populationReaders,
  type Role,
  type RoleGrant,
  roles,
} from '../src/core/roles.ts';
import { expectAccessible, launch, screenshotFailures, signedInPage } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * Navigation and actions follow the signed-in user's roles: signed in as each demo account,
 * the header offers exactly the sections the role may use and the pages offer no action the
 * server would refuse it. What each role may do is read from src/core/roles.ts, the rules the
 * server decides by; what the page shows is asserted by its visible labels.
 */
describe('what each role is offered, in Chromium', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  }, 300_000);
  screenshotFailures(() => page);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The header's sections, including those folded under "More". */
  const menu = async (p: Page) => {
    const nav = p.getByRole('navigation', { name: 'Menu' });
    const more = nav.getByRole('button', { name: /More/ });
    if (await more.isVisible()) await more.click();
    return nav.getByRole('link').allTextContents();
  };

  /** Everything the page has asked for has come: an action not shown now is not offered. */
  const settled = (p: Page) => p.waitForLoadState('networkidle');

  const offered = async (p: Page, role: 'link' | 'button', name: string) => {
    await settled(p);
    return (await p.getByRole(role, { name, exact: true }).count()) > 0;
  };

  const partiesOf = async (p: Page, path: string) => {
    const answer = await p.request.get(`${server.url}${path}`);
    expect(answer.ok(), `${path} answered ${answer.status()}`).toBe(true);
    return ((await answer.json()) as { parties: string[] }).parties;
  };

  it('the demo has an account for every role', () => {
    expect(Object.keys(server.accounts).sort()).toEqual([...roles].sort());
  });

  it.each(roles)('as the %s, offers only what the role may do', async (role: Role) => {
    const account = server.accounts[role];
    const grants: RoleGrant[] = [{ role, organisation: account.organisation }];
    // The last role's page stays open until now, for its screenshot should it have failed.
    await page?.context().close();
    page = await signedInPage(browser, server, role);
    const p = page;
    // The header: every section a signed-in user reads, and the two kept for certain roles.
    const sections = [
      'Home',
      'System explorer',
      'Arrangements',
      ...(holdsOneOf(grants, allocators) ? ['Place allocation'] : []),
      'ICS operating model',
      'Contracts',
      ...(holdsOneOf(grants, populationReaders) ? ['Population health'] : []),
    ];
    expect(await menu(p)).toEqual(sections);
    if (role === 'commissioner') expect(sections).toContain('Place allocation');
    if (role === 'commissioner') expect(sections).toContain('Population health');
    if (role === 'viewer')
      expect(sections).toEqual([
        'Home',
        'System explorer',
        'Arrangements',
        'ICS operating model',
        'Contracts',
      ]);
    // No administration is offered to anyone but an administrator.
    if (role !== 'administrator')
      expect(await p.getByRole('link', { name: /administration|accounts/i }).count()).toBe(0);
    await expectAccessible(p);

    await p.getByRole('link', { name: 'Arrangements', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Arrangements' }).waitFor();
    expect(await offered(p, 'link', 'Create an arrangement')).toBe(holdsOneOf(grants, editors));

    const arrangement = `/arrangements/${server.arrangementId}`;
    const parties = await partiesOf(p, `/api${arrangement}`);
    await p.goto(`${server.url}${arrangement}`);
    await p.getByTestId('checked-on').first().waitFor();
    expect(await offered(p, 'link', 'Change the arrangement')).toBe(holdsOneOf(grants, editors, parties));
    expect(await offered(p, 'button', 'Record the decision')).toBe(
      holdsOneOf(grants, decisionTakers, parties),
    );

    const contract = '/contracts/dudley-icp';
    const contractParties = await partiesOf(p, `/api${contract}`);
    await p.goto(`${server.url}${contract}`);
    await p.getByTestId('contract-summary').waitFor();
    const records = contractActorsFor(grantsFor(grants, contractParties)).length > 0;
    if (records) await p.getByRole('button', { name: 'Record the event' }).waitFor();
    expect(await offered(p, 'button', 'Record the event')).toBe(records);

    await p.goto(`${server.url}/allocation`);
    await p.getByRole('heading', { level: 1, name: 'Place allocation' }).waitFor();
    if (holdsOneOf(grants, allocators)) {
      await p.getByTestId('move-practices').waitFor();
      expect(await offered(p, 'button', 'Save grouping')).toBe(holdsOneOf(grants, icbEditors, ['QUA']));
    } else {
      await p.getByText('Your role does not include sharing').waitFor();
      expect(await p.getByLabel('ICB code').count()).toBe(0);
    }

    await p.goto(`${server.url}/ics`);
    await p.getByTestId('operating-models').waitFor();
    expect(await offered(p, 'link', 'Create an operating model')).toBe(
      holdsOneOf(grants, icbEditors, ['QUA']),
    );
    await p.getByTestId('operating-models').getByRole('link').first().click();
    await p.getByRole('heading', { level: 1, name: /operating model/ }).waitFor();
    expect(await offered(p, 'link', 'Change this operating model')).toBe(
      holdsOneOf(grants, icbEditors, ['QUA']),
    );
  });
});
