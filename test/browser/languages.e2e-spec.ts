import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openContext, PHONE } from '../support/browser.js';
import { createCategory, startForumApp, startThread } from '../support/forum.js';
import { liveSession } from '../support/live.js';
import type { TestApp } from '../support/test-app.js';
import { loginAdmin, register, type SignedIn } from '../support/users.js';

const LOCALES = join(import.meta.dirname, '../../apps/web/src/locales');
/** Words French or Spanish write as English does (interpolations left out). */
const SAME_IN_BOTH = new Set([
  '',
  '.',
  'Plenary',
  'Sessions',
  'Session',
  'Forum',
  'Organisation',
  'Expertise',
  'Type',
  'Public',
  'invitation',
  'invitations',
  'Description',
  'Visible',
  'Action',
  'Question',
  'Questions',
  'question',
  'questions',
  'Notifications',
  'Code',
  'OK',
  'vote',
  'votes',
  'Votes',
  'Spam',
  'Option',
  '()',
  'Format',
  'Programme',
  'Material',
  'Consultation',
  'Consultations',
  'Section',
  'Sections',
  'section',
  'sections',
  'Introduction',
  'Catalogue',
  'Publication',
  'Organisations',
  'Licence',
  'Version',
  'Versions',
  'Excellent',
  '/ 5',
  '%',
]);
type Catalogue = Record<string, string>;

/** Every message of a language, by `namespace:key.path`. */
function catalogue(language: string): Catalogue {
  const flat: Catalogue = {};
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') flat[prefix] = value;
    else for (const [key, child] of Object.entries(value as object)) walk(prefix ? `${prefix}.${key}` : key, child);
  };
  for (const file of readdirSync(join(LOCALES, language))) {
    walk(`${file.replace(/\.json$/, '')}:`, JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')));
  }
  return Object.fromEntries(Object.entries(flat).map(([key, text]) => [key.replace(':.', ':'), text]));
}

/** A message as a pattern of the text it renders (interpolations match anything). */
function patternOf(message: string): RegExp {
  const parts = message.split(/\{\{[^}]+\}\}/).map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`, 's');
}

/** Country and language names as the browser's Intl data gives them in the page's language, and their codes. */
async function intlNames(page: Page): Promise<Set<string>> {
  return new Set(
    await page.evaluate(() => {
      const names: string[] = [];
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      const regions = new Intl.DisplayNames([document.documentElement.lang], { type: 'region' });
      const languages = new Intl.DisplayNames([document.documentElement.lang], { type: 'language' });
      for (const first of letters) {
        for (const second of letters) {
          const code = first + second;
          names.push(code, code.toUpperCase());
          for (const [of, key] of [
            [regions, code.toUpperCase()],
            [languages, code],
          ] as const) {
            try {
              const name = of.of(key);
              if (name) names.push(name);
            } catch {
              // not a code Intl knows
            }
          }
        }
      }
      return names;
    }),
  );
}

/** Every label of the reference data (objectives, principles, regions, organisation types, countries) in a language. */
async function taxonomyLabels(app: TestApp, language: string): Promise<Set<string>> {
  const labels = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') labels.add(value.trim());
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const list of ['objectives', 'principles', 'regions', 'organisation-types', 'countries']) {
    const response = await app.http.get(`/api/v1/taxonomy/${list}`).query({ lang: language });
    expect(response.status).toBe(200);
    collect(response.body);
  }
  return labels;
}

/** The page's interface text: text nodes, accessible names given as attributes, and placeholders. */
async function interfaceText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, [hidden]')) continue;
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text) texts.add(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.add(value);
      }
    }
    texts.add(document.title);
    return [...texts];
  });
}

describe('the interface in French and Spanish', () => {
  let app: TestApp;
  let browser: Browser;
  let member: SignedIn;
  const pages: { name: string; path: string; viewport: typeof PHONE }[] = [];
  /** What members wrote, their names, the session's code: content, not interface. */
  const content: string[] = [];

  beforeAll(async () => {
    app = await startForumApp('web_languages');
    browser = await launchBrowser();
    const admin = await loginAdmin(app);
    member = await register(app, { displayName: 'Amina Diallo' });
    const host = await register(app, { displayName: 'Jonas Berg' });
    const category = await createCategory(app, admin, { name: 'Labour migration' });
    const thread = await startThread(app, member, category.id, {
      title: 'Skills partnerships between countries of origin and destination',
      body: 'Which bilateral skills partnerships have worked for you?',
    });
    const session = await liveSession(app, host);
    await app.http
      .post(`/api/v1/live/sessions/${session.id}/polls`)
      .set(host.auth)
      .send({
        question: 'Which objective matters most to you?',
        kind: 'single',
        options: ['Objective 5', 'Objective 18'],
      });
    content.push(
      'Plenary',
      'Labour migration',
      'Skills partnerships between countries of origin and destination',
      'Which bilateral skills partnerships have worked for you?',
      'Q&A session',
      'Amina Diallo',
      'Jonas Berg',
      'Test Admin',
      session.code,
      'English',
      'Français',
      'Español',
    );
    pages.push(
      { name: 'attendee page', path: `/live/${session.id}`, viewport: PHONE },
      { name: 'forum', path: '/forum', viewport: DESKTOP },
      { name: 'category', path: `/forum/c/${category.id}`, viewport: DESKTOP },
      { name: 'thread', path: `/forum/t/${thread.id}`, viewport: DESKTOP },
      { name: 'directory', path: '/directory', viewport: DESKTOP },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('has the same messages in every catalogue, each translated (the same words only where the languages share them)', () => {
    const english = Object.keys(catalogue('en')).map((key) => key.replace(/_(one|other|many|zero|two|few)$/, ''));
    for (const language of ['fr', 'es']) {
      const translated = new Set(
        Object.keys(catalogue(language)).map((key) => key.replace(/_(one|other|many|zero|two|few)$/, '')),
      );
      expect([...new Set(english)].filter((key) => !translated.has(key))).toEqual([]);
    }
    const source = catalogue('en');
    for (const language of ['fr', 'es']) {
      const messages = catalogue(language);
      const copied = Object.keys(source).filter(
        (key) => messages[key] === source[key] && !SAME_IN_BOTH.has(source[key].replace(/\{\{[^}]+\}\}/g, '').trim()),
      );
      expect(copied.map((key) => `${language} ${key}: ${messages[key]}`)).toEqual([]);
    }
  });

  for (const language of ['fr', 'es']) {
    it(`shows no English interface text on the attendee page, the forum and the directory in ${language}`, async () => {
      const own = Object.values(catalogue(language)).map(patternOf);
      const untranslated: string[] = [];
      const fromIntl = new Set<string>();
      const fromTaxonomy = await taxonomyLabels(app, language);
      for (const { name, path, viewport } of pages) {
        const rendered: Record<string, string[]> = {};
        for (const locale of ['en', language]) {
          const context = await openContext(browser, app, { viewport, locale, as: member });
          await context.addInitScript((chosen) => localStorage.setItem('plenary.language', chosen), locale);
          const page = await context.newPage();
          await page.goto(path);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
          rendered[locale] = await interfaceText(page);
          if (locale === language) for (const name of await intlNames(page)) fromIntl.add(name);
          await context.close();
        }
        const english = new Set(rendered.en);
        for (const text of rendered[language]) {
          // The same in both languages, neither content, initials nor a number, and no message of this language says it.
          if (!english.has(text) || !/\p{L}{2}/u.test(text) || /^\p{Lu}{2,3}$/u.test(text)) continue;
          // Country and language names come localised from the browser's Intl data (and many are the same).
          if (fromIntl.has(text)) continue;
          // So do the taxonomy's regions, organisation types and GCM objectives, from the API in that language.
          if (fromTaxonomy.has(text)) continue;
          if (content.some((known) => known === text || text.includes(known))) continue;
          if (own.some((pattern) => pattern.test(text))) continue;
          untranslated.push(`${name}: "${text}"`);
        }
      }
      expect(untranslated).toEqual([]);
    }, 120_000);
  }
});
