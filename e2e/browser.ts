import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

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

export interface AccessibilityProblem {
  problem: string;
  element: string;
}

/**
 * The accessibility rules this project can check without axe-core (not a dependency):
 * the page language, one h1, a label for every form control, text for every link and
 * button, alt text on images, and error summaries that link to real fields. Each one is
 * a WCAG 2.2 A or AA requirement that axe reports as serious or critical.
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  return page.evaluate(() => {
    const found: { problem: string; element: string }[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 120);
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.tagName === 'BODY';
    if (!document.documentElement.lang) found.push({ problem: 'html has no lang', element: 'html' });
    if (document.querySelectorAll('h1').length !== 1)
      found.push({
        problem: `page has ${document.querySelectorAll('h1').length} h1 headings`,
        element: 'body',
      });
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const id = el.getAttribute('id');
      const labelled =
        (id && document.querySelector(`label[for="${CSS.escape(id)}"]`)) ||
        el.closest('label') ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby');
      if (!labelled && (el as HTMLInputElement).type !== 'hidden')
        found.push({ problem: 'form control without a label', element: describe(el) });
    }
    for (const el of document.querySelectorAll('a[href], button')) {
      const name = (el.textContent ?? '').trim() || el.getAttribute('aria-label');
      if (!name && visible(el)) found.push({ problem: 'link or button without text', element: describe(el) });
    }
    for (const el of document.querySelectorAll('img')) {
      if (!el.hasAttribute('alt')) found.push({ problem: 'image without alt text', element: describe(el) });
    }
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
