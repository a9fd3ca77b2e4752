import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  API,
  type CategoryBody,
  categoriesOf,
  createCategory,
  headers,
  type PostBody,
  postsOf,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
} from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

/** The tags sanitize-html may leave in a post's HTML (libs/forum/src/text/markdown.ts). */
const ALLOWED_TAGS = new Set(
  'p br hr h1 h2 h3 h4 h5 h6 strong em s del code pre blockquote ul ol li a table thead tbody tr th td span'.split(' '),
);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  colon: ':',
  tab: '\t',
  newline: '\n',
};

/** An attribute's text as a browser reads it. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Whether a browser would follow this URL anywhere but the web or an email client: it ignores tabs,
 * line breaks and leading controls and spaces, so a scheme is read after removing them; a URL
 * without a scheme is relative (to this site), but "//host" is another site.
 */
function unsafeUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const url = decodeEntities(value).replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^[/\\]{2}/.test(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return scheme !== null && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

/**
 * Why this HTML would not be inert in a page, or [] when it is: only the tags Markdown makes, no
 * event handler, no style but table alignment, no URL with a scheme other than http(s) or mailto,
 * and every link with rel="nofollow ugc noopener".
 */
function activeContent(html: string): string[] {
  const problems: string[] = [];
  for (const [tag, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const element = name.toLowerCase();
    if (!ALLOWED_TAGS.has(element)) problems.push(`<${element}> element: ${tag}`);
    for (const [, attribute, value] of attributes.matchAll(/\s([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const key = attribute.toLowerCase();
      const text = (value ?? '').replace(/^["']|["']$/g, '');
      if (key.startsWith('on')) problems.push(`event handler: ${tag}`);
      if (key === 'style' && !(['th', 'td'].includes(element) && /^text-align:\s*(left|right|center);?$/.test(text))) {
        problems.push(`style: ${tag}`);
      }
      if (unsafeUrl(text) && /^(href|src|action|formaction|xlink:href|data|srcdoc)$/.test(key)) {
        problems.push(`${key} with an unsafe URL: ${tag}`);
      }
    }
    if (element === 'a' && !/\srel="nofollow ugc noopener"/.test(attributes)) problems.push(`link without rel: ${tag}`);
  }
  return problems;
}

const ATTACKS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '![pic](https://evil.example/x.png" onerror="alert(1))',
  '![pic](javascript:alert(1))',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '[x](https://ok.example "t\\" onmouseover=\\"alert(1)")',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<div onmouseover="alert(1)">hover</div>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">',
  '<style>body { display: none }</style>',
  '**<img src=x onerror=alert(1)>**',
  '> <script>alert(1)</script>',
  '- <iframe srcdoc="<script>alert(1)</script>"></iframe>',
];

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startForumApp('forum_content');
  admin = await loginAdmin(app);
}, 60_000);
afterAll(() => app.close());

describe('post content', () => {
  let member: SignedIn;
  let reader: SignedIn;
  let category: CategoryBody;

  beforeAll(async () => {
    member = await register(app, { displayName: 'Markdown Writer' });
    reader = await register(app);
    category = await createCategory(app, admin);
  }, 60_000);

  it('stores XSS attempts, and every rendering of them is inert', async () => {
    // the oracle itself: it does see active content
    for (const active of [
      '<img src="x" onerror="alert(1)">',
      '<p onclick="alert(1)">x</p>',
      '<a href="java&#x09;script:alert(1)" rel="nofollow ugc noopener">x</a>',
      '<a href=" data:text/html,x" rel="nofollow ugc noopener">x</a>',
      '<a href="//evil.example" rel="nofollow ugc noopener">x</a>',
      '<a href="https://ok.example">no rel</a>',
      '<td style="background:url(https://evil.example)">x</td>',
    ]) {
      expect({ active, problems: activeContent(active).length > 0 }).toEqual({ active, problems: true });
    }
    const thread = await startThread(app, member, category.id, { body: ATTACKS.join('\n\n') });
    const problems: string[] = [];
    const check = (where: string, html: string) => {
      for (const problem of activeContent(html)) problems.push(`${where}: ${problem} in ${JSON.stringify(html)}`);
    };
    const posted: PostBody[] = [];
    for (const attack of ATTACKS) {
      const post = await reply(app, member, thread.id, attack);
      expect(post.body).toBe(attack); // the Markdown is kept as written, for editing
      check(`reply ${attack}`, post.html);
      posted.push(post);
    }
    // a mention of a member whose display name is itself an attack
    const hostile = await register(app, { displayName: "Eve) (alert(1)) _x_ & 'co' / x" });
    const mention = await reply(app, member, thread.id, `Hello @[Eve](${hostile.id})`);
    check('mention', mention.html);
    expect(mention.html).toContain(`href="/members/${hostile.id}"`);

    for (const viewer of [null, reader, member]) {
      for (const post of await postsOf(app, viewer, thread.id)) check(`list #${post.number}`, post.html);
    }
    const edited = await app.http
      .patch(`${API}/posts/${posted[0].id}`)
      .set(member.auth)
      .send({ body: ATTACKS.slice().reverse().join('\n\n') })
      .expect(200);
    check('edit', (edited.body as PostBody).html);
    expect(problems).toEqual([]);
    // what was escaped shows as text
    expect(posted[0].html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders Markdown: emphasis, lists, links with rel="nofollow ugc noopener", code and quotes', async () => {
    const markdown = [
      '## A heading',
      '**bold**, *italic*, _also italic_ and ~~struck~~',
      '- one\n- two',
      '1. first\n2. second',
      '[the site](https://example.org/path?q=1), [write to us](mailto:team@plenary.example) and https://plenary.example/page',
      'Inline `x < y && z` code',
      '```\nconst a = "<b>";\n```',
      '> a quote\n> on two lines',
      '| a | b |\n|:-|-:|\n| 1 | 2 |',
    ].join('\n\n');
    const thread = await startThread(app, member, category.id, { body: markdown });
    const [opening] = await postsOf(app, reader, thread.id);
    const { html } = opening;
    expect(opening.body).toBe(markdown);
    for (const fragment of [
      '<h2>A heading</h2>',
      '<strong>bold</strong>',
      '<em>italic</em>',
      '<em>also italic</em>',
      '<s>struck</s>',
      '<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
      '<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
      '<a href="https://example.org/path?q=1" rel="nofollow ugc noopener">the site</a>',
      '<a href="mailto:team@plenary.example" rel="nofollow ugc noopener">write to us</a>',
      '<a href="https://plenary.example/page" rel="nofollow ugc noopener">https://plenary.example/page</a>',
      '<code>x &lt; y &amp;&amp; z</code>',
      '<pre><code>const a = "&lt;b&gt;";\n</code></pre>',
      '<blockquote>\n<p>a quote\non two lines</p>\n</blockquote>',
      '<th style="text-align:left">a</th>',
      '<td style="text-align:right">2</td>',
    ]) {
      expect({ fragment, found: html.includes(fragment) }).toEqual({ fragment, found: true });
    }
    expect(activeContent(html)).toEqual([]);
    // a reply renders the same way
    const replied = await reply(app, reader, thread.id, '*yes*, see [this](https://example.org)');
    expect(replied.html).toBe(
      '<p><em>yes</em>, see <a href="https://example.org" rel="nofollow ugc noopener">this</a></p>\n',
    );
  });
});

describe('unread counts', () => {
  let author: SignedIn;
  let reader: SignedIn;
  let other: SignedIn;
  let moderator: SignedIn;
  let category: CategoryBody;

  beforeAll(async () => {
    moderator = await registerWithRole(app, 'moderator');
    author = await register(app, { displayName: 'Unread Author' });
    reader = await register(app, { displayName: 'Unread Reader' });
    other = await register(app, { displayName: 'Unread Other' });
    category = await createCategory(app, admin);
  }, 60_000);

  const unreadOf = async (caller: SignedIn | null, threadId: string) =>
    (await app.http.get(`${API}/threads/${threadId}`).set(headers(caller)).expect(200)).body.unreadCount as number;
  const categoryCounts = async (caller: SignedIn | null) => {
    const found = (await categoriesOf(app, caller)).find((item) => item.id === category.id);
    return { threads: found?.threadCount, unread: found?.unreadThreadCount };
  };
  const read = (caller: SignedIn, threadId: string, postId: string) =>
    app.http.post(`${API}/threads/${threadId}/read`).set(caller.auth).send({ postId });

  it("go up with others' posts and down after read, in the thread and the category list", async () => {
    const first = await startThread(app, author, category.id, { title: 'First unread thread' });
    // its author has read it; someone who never opened it has every post to read
    expect(await unreadOf(author, first.id)).toBe(0);
    expect(await unreadOf(reader, first.id)).toBe(1);
    expect(await categoryCounts(author)).toEqual({ threads: 1, unread: 0 });
    expect(await categoryCounts(reader)).toEqual({ threads: 1, unread: 1 });

    const second = await reply(app, other, first.id, 'Second post');
    const third = await reply(app, other, first.id, 'Third post');
    expect(await unreadOf(author, first.id)).toBe(2);
    expect(await unreadOf(reader, first.id)).toBe(3);
    // one's own posts are read
    expect(await unreadOf(other, first.id)).toBe(0);
    expect(await categoryCounts(author)).toEqual({ threads: 1, unread: 1 });

    const [opening] = await postsOf(app, reader, first.id);
    const marked = await read(reader, first.id, second.id).expect(200);
    expect((marked.body as ThreadBody).unreadCount).toBe(1);
    expect(await categoryCounts(reader)).toEqual({ threads: 1, unread: 1 });
    await read(reader, first.id, third.id).expect(200);
    expect(await unreadOf(reader, first.id)).toBe(0);
    expect(await categoryCounts(reader)).toEqual({ threads: 1, unread: 0 });
    // reading an earlier post again never moves the mark back
    expect(((await read(reader, first.id, opening.id).expect(200)).body as ThreadBody).unreadCount).toBe(0);

    // a second thread, and a new post in the first: both unread again
    const secondThread = await startThread(app, other, category.id, { title: 'Second unread thread' });
    await reply(app, author, first.id, 'Fourth post');
    expect(await unreadOf(reader, first.id)).toBe(1);
    expect(await unreadOf(reader, secondThread.id)).toBe(1);
    expect(await categoryCounts(reader)).toEqual({ threads: 2, unread: 2 });
    const listed = await app.http.get(`${API}/categories/${category.id}/threads`).set(reader.auth).expect(200);
    expect(
      Object.fromEntries((listed.body.items as ThreadBody[]).map((thread) => [thread.title, thread.unreadCount])),
    ).toEqual({ 'First unread thread': 1, 'Second unread thread': 1 });
    const [, , , fourth] = await postsOf(app, reader, first.id);
    await read(reader, first.id, fourth.id).expect(200);
    expect(await categoryCounts(reader)).toEqual({ threads: 2, unread: 1 });
    expect((await app.http.get(`${API}/categories/${category.id}`).set(reader.auth).expect(200)).body).toMatchObject({
      threadCount: 2,
      unreadThreadCount: 1,
    });

    // a thread hidden from the reader counts for nothing
    await app.http.post(`${API}/threads/${secondThread.id}/hide`).set(moderator.auth).send({}).expect(200);
    expect(await categoryCounts(reader)).toEqual({ threads: 1, unread: 0 });
    // a guest has no marks: every thread counts as unread, each thread's count is 0
    expect(await categoryCounts(null)).toEqual({ threads: 1, unread: 1 });
    expect(await unreadOf(null, first.id)).toBe(0);
  });

  it('refuses to mark read a post of another thread', async () => {
    const one = await startThread(app, author, category.id);
    const two = await startThread(app, author, category.id);
    const [elsewhere] = await postsOf(app, author, two.id);
    const refused = await read(reader, one.id, elsewhere.id).expect(400);
    expect(refused.body.details).toEqual([{ field: 'postId', problem: 'is not a post of this thread' }]);
    expect(await unreadOf(reader, one.id)).toBe(1);
  });
});
