import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openContext } from '../support/browser.js';
import { grant } from '../support/library.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loginAdmin, register, type SignedIn } from '../support/users.js';

/**
 * The cast of the library's browser specs on an app of their own: an author, an editor, two reviewers, a browser
 * (a context per page opened), and the file the author uploads.
 */
export interface LibraryStage {
  app: TestApp;
  author: SignedIn;
  editor: SignedIn;
  kofi: SignedIn;
  mei: SignedIn;
  /** Who publishes the items around the one under test: the admin as author, the editor, both reviewers. */
  roles: { author: SignedIn; editor: SignedIn; reviewers: [SignedIn, SignedIn] };
  /** The path of the author's file. */
  file: string;
  pageAs(who: SignedIn | undefined, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function openLibraryStage(name: string, file: { name: string; content: Buffer }): Promise<LibraryStage> {
  const app = await startTestApp(name);
  const browser: Browser = await launchBrowser();
  const folder = mkdtempSync(join(tmpdir(), `plenary-${name}-`));
  writeFileSync(join(folder, file.name), file.content);
  const admin = await loginAdmin(app);
  const [author, editor, kofi, mei] = await Promise.all([
    register(app, { displayName: 'Amina Diallo' }),
    register(app, { displayName: 'Elena Rossi' }),
    register(app, { displayName: 'Kofi Mensah' }),
    register(app, { displayName: 'Mei Chen' }),
  ]);
  await grant(app, admin, editor, ['editor']);
  await grant(app, admin, kofi, ['reviewer']);
  await grant(app, admin, mei, ['reviewer']);
  const contexts: BrowserContext[] = [];
  return {
    app,
    author,
    editor,
    kofi,
    mei,
    roles: { author: admin, editor, reviewers: [kofi, mei] },
    file: join(folder, file.name),
    async pageAs(who, viewport = DESKTOP) {
      const context = await openContext(browser, app, { viewport, as: who });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
