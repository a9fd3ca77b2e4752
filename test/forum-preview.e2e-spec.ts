import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  API,
  type CategoryBody,
  createCategory,
  expectStatus,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
  watchWrites,
} from './support/forum.js';
import { expectError, fieldsOf } from './support/http.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

/** POST /forum/preview: the composer's preview, rendered by the pipeline that stores posts. */
describe('post preview', () => {
  let app: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  let mentioned: SignedIn;
  let category: CategoryBody;
  let thread: ThreadBody;

  beforeAll(async () => {
    app = await startForumApp('forum_preview');
    admin = await loginAdmin(app);
    author = await register(app, { displayName: 'Amina Diallo' });
    mentioned = await register(app, { displayName: 'Carlos Mendoza' });
    category = await createCategory(app, admin);
    thread = await startThread(app, author, category.id, { title: 'Fair recruitment in practice' });
  });

  afterAll(async () => {
    await app.close();
  });

  const preview = (caller: SignedIn | null, body: unknown) => {
    const request = app.http.post(`${API}/forum/preview`);
    return caller ? request.set(caller.auth).send(body as object) : request.send(body as object);
  };

  it('renders exactly what the saved post shows, mentions resolved, and writes nothing', async () => {
    const text = [
      `Thanks @[Carlos](${mentioned.id}), the **fair recruitment** principles cover:`,
      '',
      '- zero recruitment fees',
      '- written contracts',
      '',
      'See [the ILO guidelines](https://www.ilo.org/fair-recruitment) <script>alert(1)</script>',
      '[bad](javascript:alert(1))',
    ].join('\n');
    const { result, writes } = await watchWrites(app, () => preview(author, { text }));
    expectStatus(result, 200, 'preview');
    expect(writes).toEqual([]);
    const html = (result.body as { html: string }).html;
    expect(result.body).toEqual({ html: expect.any(String) });
    expect(html).toContain('<strong>fair recruitment</strong>');
    expect(html).toContain('<li>zero recruitment fees</li>');
    expect(html).toContain('<a href="https://www.ilo.org/fair-recruitment" rel="nofollow ugc noopener">');
    // the mention shows the member's name as it is now, linked to their profile
    expect(html).toContain(`<a href="/members/${mentioned.id}" rel="nofollow ugc noopener">@Carlos Mendoza</a>`);
    expect(html).not.toMatch(/<script|href="javascript/i);

    const saved = await reply(app, author, thread.id, text);
    expect(saved.html).toBe(html);
  });

  it('refuses a guest, and writes nothing', async () => {
    const { result, writes } = await watchWrites(app, () => preview(null, { text: 'Hello' }));
    expect(result.status).toBe(401);
    expectError(result.body, 401);
    expect(writes).toEqual([]);
  });

  it.each([
    ['no text', {}],
    ['empty text', { text: '' }],
    ['text that is not a string', { text: 42 }],
    ['text longer than a post may be', { text: 'x'.repeat(20_001) }],
  ])('refuses %s, naming the field', async (_label, body) => {
    const response = await preview(author, body);
    expect(response.status).toBe(400);
    expectError(response.body, 400);
    expect(fieldsOf(response.body)).toEqual(['text']);
  });

  it('refuses a field it does not take', async () => {
    const response = await preview(author, { text: 'Hello', threadId: thread.id });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['threadId']);
  });
});
