import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch } from './browser.ts';

/** The accessibility check itself: it passes a sound page and names each rule a broken one breaks. */
describe('expectAccessible', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 120_000);
  afterAll(async () => browser?.close());

  // The same script policy as the app, so axe is shown to run under it.
  const page = async (body: string) => {
    const p = await browser.newPage();
    await p.setContent(
      `<!doctype html><html lang="en-GB"><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><title>Test</title></head><body><main>${body}</main></body></html>`,
    );
    return p;
  };

  it('passes a page with a heading and a labelled field', async () => {
    await expectAccessible(await page('<h1>Sign in</h1><label for="e">Email</label><input id="e">'));
  });

  it('lists serious and critical axe violations and the checks axe lacks', async () => {
    const broken = await page('<h1>One</h1><h1>Two</h1><input id="e"><button></button><img src="x.png">');
    const error = await expectAccessible(broken).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(error).toMatch(/axe label \(critical\): .* — #e/);
    expect(error).toMatch(/axe button-name \(critical\)/);
    expect(error).toMatch(/axe image-alt \(critical\)/);
    expect(error).toContain('page has 2 h1 headings');
  });
});
