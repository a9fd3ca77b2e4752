import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestApp } from './test-app.js';
import type { SignedIn } from './users.js';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Debian's Chromium, headless: never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface ContextOptions {
  viewport?: { width: number; height: number };
  /** The browser's language (the client's default when the member chose none). */
  locale?: string;
  /** Signed in as this member (the tokens the API gave them), without going through the sign-in page. */
  as?: SignedIn;
  /** The browser's time zone (IANA); the machine's when not given. */
  timeZone?: string;
}

/** A fresh browser profile (its own storage) on the app's origin. */
export async function openContext(
  browser: Browser,
  app: TestApp,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: app.url,
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-GB',
    isMobile: options.viewport === PHONE,
    hasTouch: options.viewport === PHONE,
    ...(options.timeZone ? { timezoneId: options.timeZone } : {}),
  });
  if (options.as) {
    const { id, email, displayName, role, accessToken, refreshToken } = options.as;
    const user = { id, email, displayName, role };
    await context.addInitScript(
      ([session]) => {
        if (!localStorage.getItem('plenary.session')) localStorage.setItem('plenary.session', session);
      },
      [JSON.stringify({ user, accessToken, refreshToken })],
    );
  }
  context.setDefaultTimeout(10_000);
  return context;
}

/** axe-core on the page as it stands: no serious or critical violation (the names of any found are listed). */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  });
  expect(violations).toEqual([]);
}

/** Saves a screenshot for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
