import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addToGroup, API, createGroup, expectStatus, type GroupBody, headers, uniqueName } from './support/forum.js';
import { expectError, fieldsOf, walkPages } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

interface PersonBody {
  id: string | null;
  displayName: string;
}

interface CommentBody {
  id: string;
  consultationId: string;
  sectionId: string;
  author: PersonBody;
  body: string;
  html: string;
  status: string;
  endorsements: number;
  endorsedByMe: boolean;
  createdAt: string;
}

interface SectionBody {
  id: string;
  title: string;
  text: string;
  html: string;
  commentCount: number;
  comments: CommentBody[];
  nextCursor: string | null;
}

interface ConsultationBody {
  id: string;
  title: string;
  body: string;
  html: string;
  closesAt: string;
  status: 'open' | 'closed';
  groupId: string | null;
  owner: PersonBody;
  sectionCount: number;
  commentCount: number;
  viewer: { canComment: boolean; canManage: boolean; canExport: boolean; canModerate: boolean };
  sections: SectionBody[];
}

interface ExportBody {
  consultation: { id: string; title: string; closesAt: string; status: string; exportedAt: string };
  sections: {
    id: string;
    number: number;
    title: string;
    commentCount: number;
    endorsementCount: number;
    comments: { id: string; author: PersonBody; body: string; endorsements: number; createdAt: string }[];
  }[];
}

interface InputsBody {
  id: string;
  status: string;
  totals: { comments: number; endorsements: number; commenters: number; hidden: number };
  sections: {
    id: string;
    title: string;
    comments: number;
    endorsements: number;
    commenters: number;
    hidden: number;
    top: CommentBody[];
  }[];
}

interface AuditBody {
  actor: PersonBody | null;
  action: string;
  target: { type: string; id: string; groupId: string | null };
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

let app: TestApp;
let admin: SignedIn;
let moderator: SignedIn;
let owner: SignedIn;
let members: SignedIn[];

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function createConsultation(caller: SignedIn, body: Record<string, unknown> = {}): Promise<ConsultationBody> {
  const response = await app.http
    .post(`${API}/consultations`)
    .set(caller.auth)
    .send({
      title: uniqueName('Workplan 2027'),
      body: 'The **draft** workplan of the network.',
      closesAt: inDays(7),
      sections: [
        { title: 'Objectives', text: 'What we aim at.' },
        { title: 'Activities', text: 'What we will do: *webinars*, a toolkit.' },
      ],
      ...body,
    });
  expectStatus(response, 201, 'create a consultation');
  return response.body as ConsultationBody;
}

function comment(caller: SignedIn | null, consultation: ConsultationBody, section: number, body: string) {
  const sectionId = consultation.sections[section].id;
  return app.http
    .post(`${API}/consultations/${consultation.id}/sections/${sectionId}/comments`)
    .set(headers(caller))
    .send({ body });
}

async function commented(
  caller: SignedIn,
  consultation: ConsultationBody,
  section: number,
  body = 'An input.',
): Promise<CommentBody> {
  const response = await comment(caller, consultation, section, body);
  expectStatus(response, 201, 'comment');
  return response.body as CommentBody;
}

function endorse(caller: SignedIn | null, consultationId: string, commentId: string, on = true) {
  const path = `${API}/consultations/${consultationId}/comments/${commentId}/endorse`;
  return (on ? app.http.post(path) : app.http.delete(path)).set(headers(caller));
}

async function read(caller: SignedIn | null, id: string): Promise<ConsultationBody> {
  const response = await app.http.get(`${API}/consultations/${id}`).set(headers(caller));
  expectStatus(response, 200, 'read a consultation');
  return response.body as ConsultationBody;
}

function exported(caller: SignedIn | null, id: string, format?: 'json' | 'csv') {
  return app.http
    .get(`${API}/consultations/${id}/export`)
    .set(headers(caller))
    .query(format ? { format } : {});
}

async function listed(caller: SignedIn | null, query: Record<string, string> = {}): Promise<string[]> {
  const { items } = await walkPages<{ id: string }>(app, `${API}/consultations`, {
    limit: 100,
    query,
    ...(caller ? { auth: caller.auth } : {}),
  });
  return items.map((item) => item.id);
}

async function auditOf(targetId: string): Promise<AuditBody[]> {
  const response = await app.http.get(`${API}/moderation/audit`).set(admin.auth).query({ targetId, limit: 100 });
  expectStatus(response, 200, 'read the audit log');
  return (response.body as { items: AuditBody[] }).items;
}

/** RFC 4180 rows: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (char !== '\r') cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  app = await startTestApp('consultations');
  admin = await loginAdmin(app);
  moderator = await registerWithRole(app, 'moderator');
  owner = await register(app);
  members = [];
  for (let index = 0; index < 22; index += 1) members.push(await register(app));
}, 120_000);

afterAll(() => app.close());

describe('consultations: section comments', () => {
  it('takes comments per section and shows them with their counts, rendered and sanitized', async () => {
    const consultation = await createConsultation(owner);
    expect(consultation).toMatchObject({
      status: 'open',
      groupId: null,
      owner: { id: owner.id, displayName: owner.displayName },
      sectionCount: 2,
      commentCount: 0,
      html: '<p>The <strong>draft</strong> workplan of the network.</p>\n',
      viewer: { canComment: true, canManage: true, canExport: true },
    });
    expect(consultation.sections.map((section) => [section.title, section.commentCount])).toEqual([
      ['Objectives', 0],
      ['Activities', 0],
    ]);
    expect(consultation.sections[1].html).toContain('<em>webinars</em>');

    const first = await commented(members[0], consultation, 0, 'Add **migrant inclusion** <script>x()</script>');
    expect(first).toMatchObject({
      consultationId: consultation.id,
      sectionId: consultation.sections[0].id,
      author: { id: members[0].id, displayName: members[0].displayName },
      status: 'visible',
      endorsements: 0,
      endorsedByMe: false,
    });
    expect(first.html).toContain('<strong>migrant inclusion</strong>');
    expect(first.html).not.toContain('<script>');
    await commented(members[1], consultation, 0, 'Second input on objectives.');
    await commented(members[1], consultation, 1, 'One on activities.');

    const seen = await read(null, consultation.id);
    expect(seen.commentCount).toBe(3);
    expect(seen.viewer).toEqual({ canComment: false, canManage: false, canExport: false, canModerate: false });
    expect(seen.sections.map((section) => [section.commentCount, section.comments.map((item) => item.body)])).toEqual([
      [2, ['Add **migrant inclusion** <script>x()</script>', 'Second input on objectives.']],
      [1, ['One on activities.']],
    ]);
    expect((await read(members[2], consultation.id)).viewer.canComment).toBe(true);

    const { items, pages } = await walkPages<CommentBody>(
      app,
      `${API}/consultations/${consultation.id}/sections/${consultation.sections[0].id}/comments`,
      { limit: 1 },
    );
    expect(pages).toBe(2);
    expect(items.map((item) => item.body)).toEqual(seen.sections[0].comments.map((item) => item.body));

    const unknownSection = await app.http
      .post(`${API}/consultations/${consultation.id}/sections/${consultation.id}/comments`)
      .set(members[0].auth)
      .send({ body: 'Where does this go?' });
    expect(expectError(unknownSection.body, 404).code).toBe('not_found');
    expect((await listed(null, { status: 'open' })).includes(consultation.id)).toBe(true);
  });
});

describe('consultations: endorsements', () => {
  it('counts 20 parallel endorsements from 20 members as 20, and one member’s two at once as 1', async () => {
    const consultation = await createConsultation(owner);
    const input = await commented(members[0], consultation, 0, 'Endorse me.');
    const endorsers = members.slice(1, 21);
    const answers = await Promise.all(endorsers.map((member) => endorse(member, consultation.id, input.id)));
    expect(answers.map((answer) => answer.status)).toEqual(endorsers.map(() => 200));
    const after = await read(members[21], consultation.id);
    expect(after.sections[0].comments[0]).toMatchObject({ id: input.id, endorsements: 20, endorsedByMe: false });
    expect((await read(members[1], consultation.id)).sections[0].comments[0].endorsedByMe).toBe(true);

    const other = await commented(members[0], consultation, 1, 'Endorse me once.');
    const twice = await Promise.all([1, 2].map(() => endorse(members[21], consultation.id, other.id)));
    expect(twice.map((answer) => answer.status)).toEqual([200, 200]);
    expect(twice.map((answer) => (answer.body as { endorsements: number }).endorsements)).toContain(1);
    expect((await read(null, consultation.id)).sections[1].comments[0].endorsements).toBe(1);

    const withdrawn = await endorse(members[21], consultation.id, other.id, false);
    expectStatus(withdrawn, 200, 'withdraw');
    expect(withdrawn.body).toEqual({ commentId: other.id, endorsements: 0, endorsedByMe: false });
    expectStatus(await endorse(members[21], consultation.id, other.id, false), 200, 'withdraw again');

    const own = await endorse(members[0], consultation.id, input.id);
    expect(expectError(own.body, 403).code).toBe('forbidden');
    expect(expectError((await endorse(null, consultation.id, input.id)).body, 401).code).toBe('unauthenticated');
  }, 60_000);
});

describe('consultations: the owner’s view and the export', () => {
  it('groups the inputs by section with counts, and exports them as JSON and CSV', async () => {
    const consultation = await createConsultation(owner, {
      sections: [
        { title: 'Objectives', text: 'What we aim at.' },
        { title: '=Formula section', text: 'A title a spreadsheet could run.' },
      ],
    });
    const a = await commented(members[0], consultation, 0, 'First, with a comma, and "quotes".');
    const b = await commented(members[1], consultation, 0, 'Second\non two lines.');
    const c = await commented(members[0], consultation, 1, '=HYPERLINK("http://evil.example")');
    for (const member of members.slice(2, 5))
      expectStatus(await endorse(member, consultation.id, b.id), 200, 'endorse');
    expectStatus(await endorse(members[2], consultation.id, a.id), 200, 'endorse');

    const inputs = await app.http.get(`${API}/consultations/${consultation.id}/inputs`).set(owner.auth);
    expectStatus(inputs, 200, 'inputs');
    const view = inputs.body as InputsBody;
    expect(view.totals).toEqual({ comments: 3, endorsements: 4, commenters: 2, hidden: 0 });
    expect(
      view.sections.map((section) => [
        section.title,
        section.comments,
        section.endorsements,
        section.commenters,
        section.top.map((item) => item.id),
      ]),
    ).toEqual([
      ['Objectives', 2, 4, 2, [b.id, a.id]],
      ['=Formula section', 1, 0, 1, [c.id]],
    ]);

    const json = await exported(owner, consultation.id);
    expectStatus(json, 200, 'export json');
    expect(json.headers['content-disposition']).toBe(`attachment; filename="consultation-${consultation.id}.json"`);
    const body = json.body as ExportBody;
    expect(body.consultation).toMatchObject({ id: consultation.id, title: consultation.title, status: 'open' });
    expect(
      body.sections.map((section) => ({
        number: section.number,
        title: section.title,
        commentCount: section.commentCount,
        endorsementCount: section.endorsementCount,
        comments: section.comments.map((item) => [item.id, item.author.id, item.body, item.endorsements]),
      })),
    ).toEqual([
      {
        number: 1,
        title: 'Objectives',
        commentCount: 2,
        endorsementCount: 4,
        comments: [
          [a.id, members[0].id, 'First, with a comma, and "quotes".', 1],
          [b.id, members[1].id, 'Second\non two lines.', 3],
        ],
      },
      {
        number: 2,
        title: '=Formula section',
        commentCount: 1,
        endorsementCount: 0,
        comments: [[c.id, members[0].id, '=HYPERLINK("http://evil.example")', 0]],
      },
    ]);

    const csv = await exported(owner, consultation.id, 'csv');
    expectStatus(csv, 200, 'export csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="consultation-${consultation.id}.csv"`);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual([
      'section',
      'section title',
      'comment id',
      'author',
      'author id',
      'written at',
      'endorsements',
      'comment',
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[4], row[6], row[7]])).toEqual([
      ['1', 'Objectives', a.id, members[0].displayName, members[0].id, '1', 'First, with a comma, and "quotes".'],
      ['1', 'Objectives', b.id, members[1].displayName, members[1].id, '3', 'Second\non two lines.'],
      [
        '2',
        "'=Formula section",
        c.id,
        members[0].displayName,
        members[0].id,
        '0',
        `'=HYPERLINK("http://evil.example")`,
      ],
    ]);
    expect(rows.slice(1).every((row) => !Number.isNaN(Date.parse(row[5])))).toBe(true);

    expectStatus(await exported(moderator, consultation.id, 'csv'), 200, 'moderator export');
    expectStatus(await exported(admin, consultation.id), 200, 'admin export');
    expect(expectError((await exported(members[0], consultation.id)).body, 403).code).toBe('forbidden');
    expect(expectError((await exported(null, consultation.id)).body, 401).code).toBe('unauthenticated');
  });
});

describe('consultations: the deadline', () => {
  it('is read-only once closed: comments and endorsements are a 409 and write nothing', async () => {
    const consultation = await createConsultation(owner, { closesAt: new Date(Date.now() + 5_000).toISOString() });
    const input = await commented(members[0], consultation, 0, 'Just in time.');
    await sleep(Math.max(0, Date.parse(consultation.closesAt) - Date.now()) + 300);

    const before = await documentCounts(app.connection);
    const late = await comment(members[1], consultation, 0, 'Too late.');
    expect(expectError(late.body, 409).message).toMatch(/read-only/);
    expect(expectError((await endorse(members[1], consultation.id, input.id)).body, 409).code).toBe('conflict');
    expect(expectError((await endorse(members[1], consultation.id, input.id, false)).body, 409).code).toBe('conflict');
    expect(await documentCounts(app.connection)).toEqual(before);

    const closed = await read(members[1], consultation.id);
    expect(closed).toMatchObject({ status: 'closed', commentCount: 1, viewer: { canComment: false } });
    expect(await listed(members[1], { status: 'closed' })).toContain(consultation.id);
    expect(await listed(members[1], { status: 'open' })).not.toContain(consultation.id);
    expectStatus(await exported(owner, consultation.id), 200, 'export after the deadline');

    // its owner may reopen it with a later deadline
    const reopened = await app.http
      .patch(`${API}/consultations/${consultation.id}`)
      .set(owner.auth)
      .send({ closesAt: inDays(1) });
    expectStatus(reopened, 200, 'reopen');
    expect((reopened.body as ConsultationBody).status).toBe('open');
    expectStatus(await comment(members[1], consultation, 0, 'Now in time.'), 201, 'comment again');
  }, 30_000);
});

describe('consultations: groups', () => {
  let groupOwner: SignedIn;
  let groupMember: SignedIn;
  let outsider: SignedIn;
  let privateGroup: GroupBody;
  let membersGroup: GroupBody;

  beforeAll(async () => {
    groupOwner = await register(app);
    groupMember = await register(app);
    outsider = await register(app);
    privateGroup = await createGroup(app, groupOwner, 'private', 'Consultation private group');
    membersGroup = await createGroup(app, groupOwner, 'members', 'Consultation members group');
    await addToGroup(app, groupOwner, privateGroup, groupMember);
    await addToGroup(app, groupOwner, membersGroup, groupMember);
  });

  it("keeps a private group's consultation invisible to outsiders, in lists and by id", async () => {
    const secret = await createConsultation(groupOwner, { groupId: privateGroup.id, title: uniqueName('Secret') });
    expect(secret.groupId).toBe(privateGroup.id);
    const input = await commented(groupMember, secret, 0, 'Inside the group.');

    for (const caller of [null, outsider]) {
      const who = caller?.displayName ?? 'guest';
      const seen = await app.http.get(`${API}/consultations/${secret.id}`).set(headers(caller));
      expect({ who, status: seen.status }).toEqual({ who, status: 404 });
      const comments = await app.http
        .get(`${API}/consultations/${secret.id}/sections/${secret.sections[0].id}/comments`)
        .set(headers(caller));
      expect({ who, status: comments.status }).toEqual({ who, status: 404 });
      expect(await listed(caller)).not.toContain(secret.id);
      expect(await listed(caller, { status: 'open' })).not.toContain(secret.id);
    }
    expect(expectError((await comment(outsider, secret, 0, 'Let me in.')).body, 404).code).toBe('not_found');
    expect(expectError((await endorse(outsider, secret.id, input.id)).body, 404).code).toBe('not_found');
    const flagged = await app.http
      .post(`${API}/consultations/${secret.id}/comments/${input.id}/flags`)
      .set(outsider.auth)
      .send({ reason: 'spam' });
    expect(expectError(flagged.body, 404).code).toBe('not_found');
    const byGroup = await app.http.get(`${API}/consultations`).set(outsider.auth).query({ group: privateGroup.id });
    expect(expectError(byGroup.body, 404).code).toBe('not_found');

    expect(await listed(groupMember, { group: privateGroup.id })).toEqual([secret.id]);
    expect((await read(moderator, secret.id)).sections[0].commentCount).toBe(1);
    expect(await listed(moderator)).toContain(secret.id);
  });

  it("lets outsiders read a members-only group's consultation but not comment on it", async () => {
    const consultation = await createConsultation(groupOwner, { groupId: membersGroup.id });
    expect(expectError((await app.http.get(`${API}/consultations/${consultation.id}`)).body, 404).code).toBe(
      'not_found',
    );
    expect((await read(outsider, consultation.id)).viewer.canComment).toBe(false);
    expect(expectError((await comment(outsider, consultation, 0, 'Outside.')).body, 403).code).toBe('forbidden');
    expectStatus(await comment(groupMember, consultation, 0, 'Inside.'), 201, 'member comments');

    const refused = await app.http
      .post(`${API}/consultations`)
      .set(groupMember.auth)
      .send({
        title: 'Not mine to open',
        closesAt: inDays(3),
        groupId: membersGroup.id,
        sections: [{ title: 'One', text: 'x' }],
      });
    expect(expectError(refused.body, 403).code).toBe('forbidden');
  });

  describe('access matrix', () => {
    type Who = 'guest' | 'member' | 'author' | 'group member' | 'group owner' | 'owner' | 'moderator' | 'admin';
    const callers = {} as Record<Who, SignedIn | null>;
    let consultation: ConsultationBody;
    let input: CommentBody;

    beforeAll(async () => {
      const facilitator = await register(app);
      const author = await register(app);
      await addToGroup(app, groupOwner, membersGroup, facilitator, 'facilitator');
      await addToGroup(app, groupOwner, membersGroup, author);
      Object.assign(callers, {
        guest: null,
        member: outsider,
        author,
        'group member': groupMember,
        'group owner': groupOwner,
        owner: facilitator,
        moderator,
        admin,
      });
      consultation = await createConsultation(facilitator, { groupId: membersGroup.id });
      input = await commented(author, consultation, 0, 'The comment the matrix acts on.');
    });

    type Action = (caller: SignedIn | null) => Promise<number>;
    const actions: Record<string, Action> = {
      read: async (caller) =>
        (await app.http.get(`${API}/consultations/${consultation.id}`).set(headers(caller))).status,
      comment: async (caller) => (await comment(caller, consultation, 1, 'A matrix input.')).status,
      endorse: async (caller) => (await endorse(caller, consultation.id, input.id)).status,
      inputs: async (caller) =>
        (await app.http.get(`${API}/consultations/${consultation.id}/inputs`).set(headers(caller))).status,
      export: async (caller) => (await exported(caller, consultation.id, 'csv')).status,
      edit: async (caller) =>
        (
          await app.http
            .patch(`${API}/consultations/${consultation.id}`)
            .set(headers(caller))
            .send({ title: uniqueName('Edited') })
        ).status,
      'hide a comment': async (caller) => {
        const path = `${API}/consultations/${consultation.id}/comments/${input.id}`;
        const hidden = await app.http.post(`${path}/hide`).set(headers(caller)).send({ reason: 'Matrix check' });
        if (hidden.status === 200) {
          expectStatus(
            await app.http.post(`${path}/restore`).set(headers(caller)).send({ reason: 'Matrix check' }),
            200,
            'restore',
          );
        }
        return hidden.status;
      },
    };

    //                     guest member author group-member group-owner owner moderator admin
    const rows: [string, number[]][] = [
      ['read', [404, 200, 200, 200, 200, 200, 200, 200]],
      ['comment', [401, 403, 201, 201, 201, 201, 403, 201]],
      ['endorse', [401, 403, 403, 200, 200, 200, 403, 200]],
      ['inputs', [401, 403, 403, 403, 200, 200, 200, 200]],
      ['export', [401, 403, 403, 403, 200, 200, 200, 200]],
      ['edit', [401, 403, 403, 403, 200, 200, 403, 200]],
      ['hide a comment', [401, 403, 403, 403, 200, 200, 200, 200]],
    ];
    const order: Who[] = ['guest', 'member', 'author', 'group member', 'group owner', 'owner', 'moderator', 'admin'];

    it.each(rows)('%s', async (action, expected) => {
      const got: Record<string, number> = {};
      for (const who of order) got[who] = await actions[action](callers[who]);
      expect(got).toEqual(Object.fromEntries(order.map((who, index) => [who, expected[index]])));
    });
  });
});

describe('consultations: bad input', () => {
  let consultation: ConsultationBody;
  let input: CommentBody;

  beforeAll(async () => {
    consultation = await createConsultation(owner);
    input = await commented(members[0], consultation, 0, 'Something to act on.');
  });

  const valid = () => ({
    title: 'A valid title',
    closesAt: inDays(2),
    sections: [{ title: 'One', text: 'Text' }],
  });

  const cases: [string, () => { method: 'post' | 'get' | 'patch'; path: string; body?: object }, string[]][] = [
    [
      'an empty consultation',
      () => ({ method: 'post', path: '/consultations', body: {} }),
      ['closesAt', 'sections', 'title'],
    ],
    [
      'extra fields and a short title',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), title: 'x', color: 'red' } }),
      ['color', 'title'],
    ],
    [
      'no sections',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), sections: [] } }),
      ['sections'],
    ],
    [
      'a section without text',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), sections: [{ title: 'T' }] } }),
      ['sections.0.text', 'sections.0.title'],
    ],
    [
      '51 sections',
      () => ({
        method: 'post',
        path: '/consultations',
        body: { ...valid(), sections: Array.from({ length: 51 }, (_, index) => ({ title: `S${index}`, text: 'x' })) },
      }),
      ['sections'],
    ],
    [
      'an unreadable deadline',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), closesAt: 'soon' } }),
      ['closesAt'],
    ],
    [
      'a deadline in the past',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), closesAt: '2020-01-01T00:00:00Z' } }),
      ['closesAt'],
    ],
    [
      'a bad group id',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), groupId: 'abc' } }),
      ['groupId'],
    ],
    [
      'a body over 20,000 characters',
      () => ({ method: 'post', path: '/consultations', body: { ...valid(), body: 'x'.repeat(20_001) } }),
      ['body'],
    ],
    [
      'an empty comment',
      () => ({
        method: 'post',
        path: `/consultations/${consultation.id}/sections/${consultation.sections[0].id}/comments`,
        body: { body: '   ' },
      }),
      ['body'],
    ],
    [
      'a long comment with an extra field',
      () => ({
        method: 'post',
        path: `/consultations/${consultation.id}/sections/${consultation.sections[0].id}/comments`,
        body: { body: 'x'.repeat(10_001), anonymous: true },
      }),
      ['anonymous', 'body'],
    ],
    [
      'a bad section id',
      () => ({
        method: 'post',
        path: `/consultations/${consultation.id}/sections/nope/comments`,
        body: { body: 'Hi' },
      }),
      ['sectionId'],
    ],
    [
      'a bad comment id',
      () => ({ method: 'post', path: `/consultations/${consultation.id}/comments/nope/endorse` }),
      ['commentId'],
    ],
    [
      'an unknown flag reason',
      () => ({
        method: 'post',
        path: `/consultations/${consultation.id}/comments/${input.id}/flags`,
        body: { reason: 'boring' },
      }),
      ['reason'],
    ],
    [
      'a hide without a reason',
      () => ({ method: 'post', path: `/consultations/${consultation.id}/comments/${input.id}/hide`, body: {} }),
      ['reason'],
    ],
    [
      'an unknown export format',
      () => ({ method: 'get', path: `/consultations/${consultation.id}/export?format=xml` }),
      ['format'],
    ],
    ['an unknown list status', () => ({ method: 'get', path: '/consultations?status=pending' }), ['status']],
    ['a bad consultation id', () => ({ method: 'get', path: '/consultations/not-an-id' }), ['id']],
    [
      'a bad deadline in an edit',
      () => ({ method: 'patch', path: `/consultations/${consultation.id}`, body: { closesAt: 'never', sections: [] } }),
      ['closesAt', 'sections'],
    ],
  ];

  it.each(cases)('refuses %s with a 400 naming the fields, and writes nothing', async (_label, make, fields) => {
    const { method, path, body } = make();
    const caller = path.includes('/hide') || path.includes('/export') ? admin : members[1];
    const before = await documentCounts(app.connection);
    const request = app.http[method](`${API}${path}`).set(caller.auth);
    const response = await (body ? request.send(body) : request);
    expect(expectError(response.body, 400).code).toBe('validation_failed');
    expect(fieldsOf(response.body)).toEqual(fields);
    expect(await documentCounts(app.connection)).toEqual(before);
  });
});

describe('consultations: moderation', () => {
  it('hides a comment flagged enough, audits it, and lets moderators review, hide and restore', async () => {
    const consultation = await createConsultation(owner);
    const input = await commented(members[0], consultation, 0, 'Buy cheap watches here.');
    const flag = (caller: SignedIn, body: object = { reason: 'spam' }) =>
      app.http.post(`${API}/consultations/${consultation.id}/comments/${input.id}/flags`).set(caller.auth).send(body);

    expect(expectError((await flag(members[0])).body, 403).code).toBe('forbidden');
    const first = await flag(members[1], { reason: 'spam', note: 'An advert' });
    expectStatus(first, 201, 'flag');
    expect(first.body).toEqual({
      id: expect.any(String),
      commentId: input.id,
      reason: 'spam',
      note: 'An advert',
      status: 'open',
      createdAt: expect.any(String),
    });
    expect(expectError((await flag(members[1])).body, 409).code).toBe('conflict');
    expectStatus(await flag(members[2], { reason: 'abuse' }), 201, 'second flag');
    expect((await read(null, consultation.id)).sections[0].commentCount).toBe(1);
    expectStatus(await flag(members[3]), 201, 'third flag');

    const hidden = await read(null, consultation.id);
    expect(hidden.sections[0].comments).toEqual([]);
    expect(hidden.sections[0].commentCount).toBe(0);
    const toAuthor = (await read(members[0], consultation.id)).sections[0].comments;
    expect(toAuthor.map((item) => [item.id, item.status])).toEqual([[input.id, 'hidden']]);
    expect((await read(moderator, consultation.id)).sections[0].comments.map((item) => item.status)).toEqual([
      'hidden',
    ]);
    expect(expectError((await endorse(members[4], consultation.id, input.id)).body, 404).code).toBe('not_found');
    expect(expectError((await flag(members[4])).body, 404).code).toBe('not_found');

    const [system] = await auditOf(input.id);
    expect(system).toMatchObject({
      actor: null,
      action: 'consultation_comment.hide',
      target: { type: 'consultation_comment', id: input.id, groupId: null },
      reason: '3 open flags (spam 2, abuse 1)',
      before: { status: 'visible', openFlags: 3 },
      after: { status: 'hidden', openFlags: 3 },
    });

    const inputs = (await app.http.get(`${API}/consultations/${consultation.id}/inputs`).set(owner.auth))
      .body as InputsBody;
    expect(inputs.totals).toEqual({ comments: 0, endorsements: 0, commenters: 0, hidden: 1 });
    expect(((await exported(owner, consultation.id)).body as ExportBody).sections[0].comments).toEqual([]);

    const queue = await app.http
      .get(`${API}/moderation/flags`)
      .set(moderator.auth)
      .query({ status: 'open', limit: 100 });
    expectStatus(queue, 200, 'queue');
    const queued = (queue.body as { items: Record<string, unknown>[] }).items.filter(
      (item) => (item.comment as { id: string } | null)?.id === input.id,
    );
    expect(queued).toHaveLength(3);
    expect(queued[0]).toMatchObject({
      targetType: 'consultation_comment',
      post: null,
      comment: {
        id: input.id,
        consultationId: consultation.id,
        consultationTitle: consultation.title,
        sectionId: consultation.sections[0].id,
        sectionTitle: 'Objectives',
        groupId: null,
        author: { id: members[0].id },
        status: 'hidden',
        excerpt: 'Buy cheap watches here.',
      },
      postFlags: { open: 3 },
    });

    const dismissed = await app.http
      .post(`${API}/moderation/flags/${queued[0].id as string}/dismiss`)
      .set(moderator.auth)
      .send({ reason: 'Not an advert after all' });
    expectStatus(dismissed, 200, 'dismiss');
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      comment: { status: 'visible' },
      postFlags: { open: 0 },
    });
    expect((await read(null, consultation.id)).sections[0].comments.map((item) => item.id)).toEqual([input.id]);

    const hiddenByModerator = await app.http
      .post(`${API}/consultations/${consultation.id}/comments/${input.id}/hide`)
      .set(moderator.auth)
      .send({ reason: 'Off topic for this section' });
    expectStatus(hiddenByModerator, 200, 'hide');
    expect((hiddenByModerator.body as CommentBody).status).toBe('hidden');
    const again = await app.http
      .post(`${API}/consultations/${consultation.id}/comments/${input.id}/hide`)
      .set(moderator.auth)
      .send({ reason: 'Twice' });
    expect(expectError(again.body, 409).code).toBe('conflict');
    const entries = await auditOf(input.id);
    expect(entries.map((entry) => [entry.action, entry.actor?.id ?? null])).toEqual([
      ['consultation_comment.hide', moderator.id],
      ['flag.dismiss', moderator.id],
      ['consultation_comment.hide', null],
    ]);
    expect(entries[0]).toMatchObject({
      reason: 'Off topic for this section',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
    expectStatus(
      await app.http
        .post(`${API}/consultations/${consultation.id}/comments/${input.id}/restore`)
        .set(moderator.auth)
        .send({ reason: 'On reflection, fine' }),
      200,
      'restore',
    );
    expect((await auditOf(input.id))[0]).toMatchObject({
      action: 'consultation_comment.restore',
      after: { status: 'visible' },
    });
  });
});
