import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Auth, expectError, fieldsOf } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const MEMBERS = '/api/v1/members';
const OWN = '/api/v1/members/me';

interface ProfileBody {
  id: string;
  organisation: string | null;
  country: string | null;
  expertise: string[];
  objectives: number[];
  bio: string | null;
  fieldVisibility?: Record<string, string>;
}

function marker(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

function read(app: TestApp, path: string, auth: Auth | null, query: Record<string, string> = {}) {
  const request = app.http.get(path).query(query);
  return auth ? request.set(auth) : request;
}

async function listedIds(app: TestApp, auth: Auth | null, query: Record<string, string>): Promise<string[]> {
  const response = await read(app, MEMBERS, auth, { limit: '100', ...query }).expect(200);
  return (response.body.items as ProfileBody[]).map((profile) => profile.id);
}

describe('per-field profile visibility', () => {
  let app: TestApp;
  let owner: SignedIn;
  let other: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;
  const mk = marker('fld');
  const tag = marker('tag');
  const org = marker('org');

  beforeAll(async () => {
    app = await startTestApp('profile_fields');
    owner = await register(app, { displayName: `Owner ${mk}` });
    other = await register(app, { displayName: `Other ${mk}` });
    moderator = await registerWithRole(app, 'moderator');
    admin = await loginAdmin(app);
  }, 60_000);
  afterAll(() => app.close());

  it('hides each field from those its own visibility excludes, directly and in the directory', async () => {
    const patched = await app.http
      .patch(OWN)
      .set(owner.auth)
      .send({
        visibility: 'public',
        organisation: `Institute ${org}`,
        country: 'SN',
        expertise: [tag],
        objectives: [5, 7],
        bio: 'Works on fair recruitment.',
        fieldVisibility: { country: 'members', objectives: 'members', expertise: 'private', bio: 'private' },
      })
      .expect(200);
    expect(patched.body.fieldVisibility).toEqual({
      organisation: 'public',
      orgType: 'public',
      country: 'members',
      region: 'public',
      languages: 'public',
      expertise: 'private',
      objectives: 'members',
      bio: 'private',
    });

    const everything = {
      id: owner.id,
      organisation: `Institute ${org}`,
      country: 'SN',
      expertise: [tag],
      objectives: [5, 7],
      bio: 'Works on fair recruitment.',
    };
    const seenBy = async (auth: Auth | null) => {
      const body = (await read(app, `${MEMBERS}/${owner.id}`, auth).expect(200)).body as ProfileBody;
      expect(body.fieldVisibility).toBeUndefined();
      return body;
    };
    expect(await seenBy(null)).toMatchObject({
      ...everything,
      country: null,
      objectives: [],
      expertise: [],
      bio: null,
    });
    expect(await seenBy(other.auth)).toMatchObject({ ...everything, expertise: [], bio: null });
    expect(await seenBy(owner.auth)).toMatchObject(everything);
    expect(await seenBy(moderator.auth)).toMatchObject(everything);
    expect(await seenBy(admin.auth)).toMatchObject(everything);

    // the directory shows the same, and finds no one by a field hidden from the caller
    const entry = (await read(app, MEMBERS, null, { q: mk }).expect(200)).body.items as ProfileBody[];
    expect(entry.find((profile) => profile.id === owner.id)).toMatchObject({ country: null, bio: null });
    const cases: [Auth | null, Record<string, string>, boolean][] = [
      [null, { q: org }, true],
      [null, { country: 'SN', q: mk }, false],
      [null, { objective: '7', q: mk }, false],
      [other.auth, { country: 'SN', q: mk }, true],
      [other.auth, { objective: '7', q: mk }, true],
      [other.auth, { q: tag }, false],
      [null, { q: tag }, false],
      [owner.auth, { q: tag }, true],
      [moderator.auth, { q: tag }, true],
      [admin.auth, { q: tag }, true],
    ];
    const found: boolean[] = [];
    for (const [auth, query] of cases) found.push((await listedIds(app, auth, query)).includes(owner.id));
    expect(found).toEqual(cases.map(([, , expected]) => expected));

    // a change names only some fields: the others keep theirs
    const opened = await app.http
      .patch(OWN)
      .set(owner.auth)
      .send({ fieldVisibility: { expertise: 'public' } })
      .expect(200);
    expect(opened.body.fieldVisibility).toMatchObject({ expertise: 'public', bio: 'private', country: 'members' });
    expect(await listedIds(app, null, { q: tag })).toEqual([owner.id]);
    expect(await seenBy(null)).toMatchObject({ expertise: [tag], bio: null, country: null });
    // the profile's own visibility still rules: a members profile is no guest's, whatever its fields say
    await app.http.patch(OWN).set(owner.auth).send({ visibility: 'members' }).expect(200);
    await read(app, `${MEMBERS}/${owner.id}`, null).expect(404);
    expect(await listedIds(app, null, { q: tag })).toEqual([]);
  }, 60_000);

  it('refuses a bad field visibility with a 400 naming it, and writes nothing', async () => {
    const before = (await read(app, OWN, other.auth).expect(200)).body as ProfileBody;
    const counts = await documentCounts(app.connection);
    const cases: [object, string][] = [
      [{ fieldVisibility: { country: 'friends' } }, 'fieldVisibility.country'],
      [{ fieldVisibility: { email: 'private' } }, 'fieldVisibility.email'],
      [{ fieldVisibility: 'private' }, 'fieldVisibility'],
      [{ fieldVisibility: ['private'] }, 'fieldVisibility'],
      [{ fieldVisibility: null }, 'fieldVisibility'],
      [{ bio: 'Changed', fieldVisibility: { bio: 'nobody' } }, 'fieldVisibility.bio'],
    ];
    for (const [body, field] of cases) {
      const response = await app.http.patch(OWN).set(other.auth).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      const fields = fieldsOf(expectError(response.body, 400));
      // an array is also refused item by item (fieldVisibility.0): every field named is under fieldVisibility
      expect({
        body,
        named: fields.includes(field),
        inside: fields.every((f) => f.startsWith('fieldVisibility')),
      }).toEqual({ body, named: true, inside: true });
    }
    // an empty object changes nothing and says so
    expectError((await app.http.patch(OWN).set(other.auth).send({ fieldVisibility: {} }).expect(400)).body, 400);
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect((await read(app, OWN, other.auth).expect(200)).body).toEqual(before);
  }, 60_000);
});
