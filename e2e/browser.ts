import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type RunningServer, startServer } from './server.ts';

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). Set
 * CHROMIUM_PATH to use another build of Chromium.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

/** Where screenshots of failed browser tests go (git-ignored). */
export const screenshotDir = join('dist', 'e2e-screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A new British-English page, signed in as the demo account for `role`, on its home page. */
export async function signedInPage(
  browser: Browser,
  server: RunningServer,
  role: keyof RunningServer['accounts'] = 'commissioner',
): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const account = server.accounts[role];
  await page.goto(`${server.url}/`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  return page;
}

/** Opens a section from the header menu, through "More" when it does not fit on the line. */
export async function openSection(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('navigation', { name: 'Menu' });
  const link = menu.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await menu.getByRole('button', { name: /More/ }).click();
  await link.click();
}

/** Saves a screenshot of the page whenever a test in the suite fails. */
export function screenshotFailures(page: () => Page | undefined): void {
  afterEach(async ({ task }) => {
    const shown = page();
    if (task.result?.state === 'fail' && shown) {
      console.error(`Screenshot of the failed browser test: ${await screenshot(shown, task.name)}`);
    }
  });
}

/** What a signed-in suite runs against: the real server, Chromium and a signed-in page. */
export interface SignedInSuite {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

/**
 * Starts the real server and Chromium before a suite and signs in as the demo commissioner,
 * handing all three to `ready`; saves a screenshot of any failed test; closes both afterwards.
 * `before` runs before the server starts and `after` once it has stopped.
 */
export function signedInSuite(
  ready: (suite: SignedInSuite) => void,
  hooks: { before?: () => void; after?: () => void } = {},
): void {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    hooks.before?.();
    [server, browser] = await Promise.all([startServer(), launch()]);
    page = await signedInPage(browser, server);
    ready({ server, browser, page });
  }, 300_000);
  screenshotFailures(() => page);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    hooks.after?.();
  });
}

export interface AccessibilityProblem {
  problem: string;
  element: string;
}

/** One serious or critical axe-core violation, with the elements that break the rule. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.2 A/AA and best-practice rules) on the page as it stands and
 * returns the serious and critical violations. axe's source is evaluated in the page
 * rather than added as a script tag, which the app's Content-Security-Policy (script-src
 * 'self') would rightly block; the tests keep that policy in force.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const injected = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await injected.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(' ')),
      }));
  });
}

/**
 * What axe-core does not check, or reports only as moderate: exactly one h1, error
 * summaries whose links reach a field on the page (the NHS pattern's focus jump), and ids
 * used once (axe now checks only ids that ARIA attributes refer to).
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  return page.evaluate(() => {
    const found: { problem: string; element: string }[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 120);
    if (document.querySelectorAll('h1').length !== 1)
      found.push({
        problem: `page has ${document.querySelectorAll('h1').length} h1 headings`,
        element: 'body',
      });
    for (const el of document.querySelectorAll('.nhsuk-error-summary a[href^="#"]')) {
      const target = (el.getAttribute('href') ?? '').slice(1);
      if (target && !document.getElementById(target))
        found.push({ problem: 'error summary links to a missing field', element: describe(el) });
    }
    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) found.push({ problem: `id used ${n} times`, element: id });
    return found;
  });
}

/**
 * Fails with every serious or critical axe-core violation (rule id, impact, help and the
 * elements' selectors) and every problem `accessibilityProblems` finds.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  const problems = await accessibilityProblems(page);
  if (violations.length === 0 && problems.length === 0) return;
  const lines = [
    ...violations.map((v) => `axe ${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`),
    ...problems.map((p) => `${p.problem}: ${p.element}`),
  ];
  throw new Error(`Accessibility problems on ${page.url()}:\n${lines.join('\n')}`);
}

/** A phone's screen: the width every page must fit without scrolling sideways. */
export const phoneWidth = 375;

/**
 * Opens each path on a 375 px phone, signed in as `page` is, and fails if any page is wider
 * than the screen, or (with `accessible`) if axe finds a problem on it. `then` may use the
 * phone's page before it is closed.
 */
export async function expectFitsPhone(
  page: Page,
  origin: string,
  paths: readonly string[],
  { accessible = false, then }: { accessible?: boolean; then?: (phone: Page) => Promise<void> } = {},
): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to open a phone in');
  const phone = await browser.newContext({ viewport: { width: phoneWidth, height: 800 }, locale: 'en-GB' });
  await phone.addCookies(await page.context().cookies());
  const small = await phone.newPage();
  try {
    for (const path of paths) {
      await small.goto(`${origin}${path}`);
      await small.locator('main h1').first().waitFor();
      await small.waitForLoadState('networkidle');
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(phoneWidth);
      if (accessible) await expectAccessible(small);
    }
    await then?.(small);
  } finally {
    await phone.close();
  }
}
