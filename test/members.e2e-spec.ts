import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { type Auth, expectError, fieldsOf } from './support/http.js';
import type { MembershipBody } from './support/bodies.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { login, loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const MEMBERS = '/api/v1/members';
const OWN = '/api/v1/members/me';
const EXPORT = '/api/v1/members/me/export';
const ME = '/api/v1/me';
const GROUPS = '/api/v1/groups';
const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';

type Visibility = 'public' | 'members' | 'private';

interface ProfileBody {
  id: string;
  displayName: string;
  organisation: string | null;
  orgType: string | null;
  country: string | null;
  region: string | null;
  languages: string[];
  expertise: string[];
  objectives: number[];
  bio: string | null;
  visibility: Visibility;
  /** Only in the member's own profile. */
  fieldVisibility?: Record<string, Visibility>;
  updatedAt: string;
}

/** Every field's visibility while the member has changed none. */
const FIELDS_PUBLIC = {
  organisation: 'public',
  orgType: 'public',
  country: 'public',
  region: 'public',
  languages: 'public',
  expertise: 'public',
  objectives: 'public',
  bio: 'public',
};

/** The own profile as others see it (nothing hidden): without the field visibilities. */
function asOthersSee(profile: ProfileBody): ProfileBody {
  const { fieldVisibility: _settings, ...seen } = profile;
  return seen;
}

interface DirectoryPage {
  items: ProfileBody[];
  nextCursor: string | null;
}

interface GroupBody {
  id: string;
  name: string;
  memberCount: number;
  createdBy: { id: string | null; displayName: string };
}

/** A lower-case marker no other test (and no default name) contains. */
function marker(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

async function ownProfile(app: TestApp, auth: Auth): Promise<ProfileBody> {
  return (await app.http.get(OWN).set(auth).expect(200)).body as ProfileBody;
}

function patchProfile(app: TestApp, auth: Auth, changes: object) {
  return app.http.patch(OWN).set(auth).send(changes);
}

/** A new account whose profile is then changed as given. */
async function member(app: TestApp, displayName: string, changes: object = {}): Promise<SignedIn> {
  const user = await register(app, { displayName });
  if (Object.keys(changes).length > 0) await patchProfile(app, user.auth, changes).expect(200);
  return user;
}

/** Every directory entry the caller (null: a guest) sees for `query`, in directory order. */
async function directory(
  app: TestApp,
  auth: Auth | null,
  query: Record<string, string | number>,
): Promise<ProfileBody[]> {
  const request = app.http.get(MEMBERS).query({ limit: 100, ...query });
  if (auth) request.set(auth);
  const response = await request;
  expect({ query, status: response.status }).toEqual({ query, status: 200 });
  const body = response.body as DirectoryPage;
  expect(body.nextCursor).toBeNull();
  return body.items;
}

async function directoryIds(
  app: TestApp,
  auth: Auth | null,
  query: Record<string, string | number>,
): Promise<string[]> {
  return (await directory(app, auth, query)).map((profile) => profile.id);
}

function createGroup(app: TestApp, auth: Auth, body: object) {
  return app.http
    .post(GROUPS)
    .set(auth)
    .send({ type: 'working_group', ...body });
}

describe('own profile', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_own');
  }, 60_000);
  afterAll(() => app.close());

  it('starts with defaults, takes every field, clears with null and renames the account too', async () => {
    const mk = marker('own');
    const user = await register(app, { displayName: `Profile ${mk}` });
    const other = await register(app);

    const fresh = await ownProfile(app, user.auth);
    expect(fresh).toEqual({
      id: user.id,
      displayName: `Profile ${mk}`,
      organisation: null,
      orgType: null,
      country: null,
      region: null,
      languages: [],
      expertise: [],
      objectives: [],
      bio: null,
      visibility: 'members',
      fieldVisibility: FIELDS_PUBLIC,
      updatedAt: expect.any(String),
    });
    // the default visibility (members): another member reads it, a guest does not
    expect((await app.http.get(`${MEMBERS}/${user.id}`).set(other.auth).expect(200)).body).toEqual(asOthersSee(fresh));
    await app.http.get(`${MEMBERS}/${user.id}`).expect(404);

    const changes = {
      displayName: `Renamed ${mk}`,
      organisation: 'Migrant Rights Network',
      orgType: 'civil_society',
      country: 'sn',
      region: 'africa',
      languages: ['FR', 'En', 'wo'],
      expertise: ['Labour Migration', 'REMITTANCES'],
      objectives: [3, 17, 23],
      bio: 'Works on fair recruitment along the West African corridors.',
      visibility: 'public',
    };
    const expected = {
      id: user.id,
      ...changes,
      country: 'SN',
      languages: ['fr', 'en', 'wo'],
      expertise: ['labour migration', 'remittances'],
      fieldVisibility: FIELDS_PUBLIC,
      updatedAt: expect.any(String),
    };
    const patched = await patchProfile(app, user.auth, changes).expect(200);
    expect(patched.body).toEqual(expected);
    const read = await ownProfile(app, user.auth);
    expect(read).toEqual(expected);
    expect(read).toEqual(patched.body);
    // public now: a guest reads it
    expect((await app.http.get(`${MEMBERS}/${user.id}`).expect(200)).body).toEqual(asOthersSee(read));

    // the display name belongs to the account: /me and the directory follow it
    const account = await app.http.get(ME).set(user.auth).expect(200);
    expect(account.body).toMatchObject({ id: user.id, displayName: `Renamed ${mk}` });
    const listed = await directory(app, other.auth, { q: mk });
    expect(listed).toEqual([asOthersSee(read)]);
    expect(await directoryIds(app, other.auth, { q: `profile ${mk}` })).toEqual([]);
    expect(await directoryIds(app, null, { q: `RENAMED ${mk}` })).toEqual([user.id]);

    // null clears organisation and country, and leaves the rest alone
    const cleared = await patchProfile(app, user.auth, { organisation: null, country: null }).expect(200);
    expect(cleared.body).toEqual({ ...expected, organisation: null, country: null });
    expect(await ownProfile(app, user.auth)).toEqual({ ...expected, organisation: null, country: null });
    // so do the other nullable fields; lists are cleared with []
    const emptied = await patchProfile(app, user.auth, {
      orgType: null,
      region: null,
      bio: null,
      languages: [],
      expertise: [],
      objectives: [],
    }).expect(200);
    expect(emptied.body).toEqual({
      ...fresh,
      displayName: `Renamed ${mk}`,
      visibility: 'public',
      updatedAt: expect.any(String),
    });

    // an empty body changes nothing and says so
    const before = await ownProfile(app, user.auth);
    const counts = await documentCounts(app.connection);
    const empty = await patchProfile(app, user.auth, {});
    expect(empty.status).toBe(400);
    expectError(empty.body, 400);
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect(await ownProfile(app, user.auth)).toEqual(before);
    await app.http.get(OWN).expect(401);
    await app.http.patch(OWN).send({ bio: 'guest' }).expect(401);
  }, 60_000);
});

describe('profile visibility', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_visibility');
  }, 60_000);
  afterAll(() => app.close());

  it('shows each profile, directly and in the directory, only to those its visibility allows', async () => {
    const mk = marker('vis');
    const owners: Record<Visibility, SignedIn> = {
      public: await member(app, `Open ${mk}`, { visibility: 'public' }),
      members: await member(app, `Members ${mk}`, { visibility: 'members' }),
      private: await member(app, `Hidden ${mk}`, { visibility: 'private' }),
    };
    const otherMember = await register(app);
    const moderator = await registerWithRole(app, 'moderator');
    const admin = await loginAdmin(app);

    type Viewer = 'guest' | 'member' | 'owner' | 'moderator' | 'admin';
    const viewers: Viewer[] = ['guest', 'member', 'owner', 'moderator', 'admin'];
    const visibilities: Visibility[] = ['public', 'members', 'private'];
    const authOf = (viewer: Viewer, target: Visibility): Auth | null =>
      ({
        guest: null,
        member: otherMember.auth,
        owner: owners[target].auth,
        moderator: moderator.auth,
        admin: admin.auth,
      })[viewer];

    const expected: Record<string, { direct: number; listed: boolean }> = {};
    const actual: Record<string, { direct: number; listed: boolean }> = {};
    const sees: Record<Viewer, Record<Visibility, boolean>> = {
      guest: { public: true, members: false, private: false },
      member: { public: true, members: true, private: false },
      owner: { public: true, members: true, private: true },
      moderator: { public: true, members: true, private: true },
      admin: { public: true, members: true, private: true },
    };
    for (const viewer of viewers) {
      for (const target of visibilities) {
        const key = `${viewer} reads ${target}`;
        expected[key] = { direct: sees[viewer][target] ? 200 : 404, listed: sees[viewer][target] };
        const auth = authOf(viewer, target);
        const request = app.http.get(`${MEMBERS}/${owners[target].id}`);
        if (auth) request.set(auth);
        const direct = await request;
        if (direct.status === 200) expect(direct.body).toMatchObject({ id: owners[target].id, visibility: target });
        else expectError(direct.body, direct.status);
        const listed = await directoryIds(app, auth, { q: mk });
        actual[key] = { direct: direct.status, listed: listed.includes(owners[target].id) };
      }
    }
    // a token that is sent is checked, even on these public routes
    const bad = { Authorization: 'Bearer not-a-valid-token' };
    const refused = await app.http.get(MEMBERS).set(bad).query({ q: mk });
    expect(refused.status).toBe(401);
    expectError(refused.body, 401);
    await app.http.get(`${MEMBERS}/${owners.public.id}`).set(bad).expect(401);

    // one table: every viewer against every setting, directly and in the directory
    expect(actual).toEqual(expected);

    // the whole directory each sees, in name order (Hidden, Members, Open)
    const ids = (...targets: Visibility[]) => targets.map((target) => owners[target].id);
    expect(await directoryIds(app, null, { q: mk })).toEqual(ids('public'));
    expect(await directoryIds(app, otherMember.auth, { q: mk })).toEqual(ids('members', 'public'));
    expect(await directoryIds(app, owners.public.auth, { q: mk })).toEqual(ids('members', 'public'));
    expect(await directoryIds(app, owners.private.auth, { q: mk })).toEqual(ids('private', 'members', 'public'));
    expect(await directoryIds(app, moderator.auth, { q: mk })).toEqual(ids('private', 'members', 'public'));
    expect(await directoryIds(app, admin.auth, { q: mk })).toEqual(ids('private', 'members', 'public'));
  }, 60_000);
});

describe('directory filters', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_filters');
  }, 60_000);
  afterAll(() => app.close());

  it('returns exactly the profiles matching each filter, never a private one to a member', async () => {
    const mk = marker('dir');
    const orgToken = marker('orgtok');
    const tagToken = marker('tagtok');
    const amara = await member(app, `${mk} Amara`, {
      country: 'SN',
      region: 'africa',
      orgType: 'civil_society',
      objectives: [5, 7],
      languages: ['fr', 'wo'],
      expertise: ['labour migration'],
      organisation: 'Dakar Collective',
      visibility: 'public',
    });
    const bruno = await member(app, `${mk} Bruno`, {
      country: 'MX',
      region: 'americas',
      orgType: 'academia',
      objectives: [7],
      languages: ['es', 'en'],
      expertise: ['remittances'],
      organisation: `Instituto ${orgToken.toUpperCase()}`,
      visibility: 'members',
    });
    const chen = await member(app, `${mk} Chen`, {
      country: 'PH',
      region: 'asia',
      orgType: 'member_state',
      objectives: [1],
      languages: ['tl', 'en'],
      expertise: [`${tagToken} policy`],
      visibility: 'public',
    });
    // private: matches Amara's filters and the organisation token, seen only by moderators and admins
    const dana = await member(app, `${mk} Dana`, {
      country: 'SN',
      region: 'africa',
      orgType: 'civil_society',
      objectives: [5],
      languages: ['fr'],
      expertise: ['labour migration'],
      organisation: `Secret ${orgToken}`,
      visibility: 'private',
    });
    const eve = await member(app, `${mk} Eve`, {
      country: 'DE',
      region: 'europe',
      orgType: 'un_entity',
      objectives: [23],
      languages: ['de'],
      expertise: ['data'],
      organisation: `Dot.*Star ${mk}`,
      visibility: 'public',
    });
    const viewer = await register(app);
    const moderator = await registerWithRole(app, 'moderator');

    type Case = [Record<string, string | number>, SignedIn[], SignedIn[]];
    // [query, what a member sees, what a moderator sees]; every query is narrowed to this test's users by q
    const scoped: Case[] = [
      [{ country: 'SN' }, [amara], [amara, dana]],
      [{ country: 'sn' }, [amara], [amara, dana]],
      [{ country: 'MX' }, [bruno], [bruno]],
      [{ country: 'FR' }, [], []],
      [{ region: 'africa' }, [amara], [amara, dana]],
      [{ region: 'americas' }, [bruno], [bruno]],
      [{ region: 'asia' }, [chen], [chen]],
      [{ region: 'oceania' }, [], []],
      [{ orgType: 'civil_society' }, [amara], [amara, dana]],
      [{ orgType: 'academia' }, [bruno], [bruno]],
      [{ orgType: 'un_entity' }, [eve], [eve]],
      [{ orgType: 'private_sector' }, [], []],
      [{ objective: 7 }, [amara, bruno], [amara, bruno]],
      [{ objective: 5 }, [amara], [amara, dana]],
      [{ objective: 23 }, [eve], [eve]],
      [{ objective: 2 }, [], []],
      [{ language: 'en' }, [bruno, chen], [bruno, chen]],
      [{ language: 'FR' }, [amara], [amara, dana]],
      [{ language: 'de' }, [eve], [eve]],
      [{ language: 'ja' }, [], []],
      [{ country: 'SN', objective: 7 }, [amara], [amara]],
      [{ region: 'africa', language: 'fr', orgType: 'civil_society' }, [amara], [amara, dana]],
      [{}, [amara, bruno, chen, eve], [amara, bruno, chen, dana, eve]],
    ];
    const ids = (users: SignedIn[]) => users.map((user) => user.id);
    for (const [filter, forMember, forModerator] of scoped) {
      const query = { q: mk, ...filter };
      expect({ query, ids: await directoryIds(app, viewer.auth, query) }).toEqual({ query, ids: ids(forMember) });
      expect({ query, ids: await directoryIds(app, moderator.auth, query) }).toEqual({
        query,
        ids: ids(forModerator),
      });
    }
    // a guest sees only the public ones
    expect(await directoryIds(app, null, { q: mk })).toEqual(ids([amara, chen, eve]));
    expect(await directoryIds(app, null, { q: mk, country: 'sn' })).toEqual(ids([amara]));

    // q: part of the name, the organisation or an expertise tag, in any letter case
    const qCases: [string, SignedIn[], SignedIn[]][] = [
      [`${mk} AMARA`, [amara], [amara]],
      [`${mk} b`, [bruno], [bruno]],
      [mk.toUpperCase(), [amara, bruno, chen, eve], [amara, bruno, chen, dana, eve]],
      [orgToken, [bruno], [bruno, dana]],
      [orgToken.toUpperCase().slice(2), [bruno], [bruno, dana]],
      [tagToken.toUpperCase(), [chen], [chen]],
      [`${tagToken} POLICY`, [chen], [chen]],
      // regex characters are text: '.*' matches only where it is literally present
      ['.*', [eve], [eve]],
      ['dOt.*sTaR', [eve], [eve]],
      ['d.t.*star', [], []],
      [`${mk}.*`, [], []],
      [`(${mk}`, [], []],
      [`${mk} [a-e]mara`, [], []],
    ];
    for (const [q, forMember, forModerator] of qCases) {
      expect({ q, ids: await directoryIds(app, viewer.auth, { q }) }).toEqual({ q, ids: ids(forMember) });
      expect({ q, ids: await directoryIds(app, moderator.auth, { q }) }).toEqual({ q, ids: ids(forModerator) });
    }
    // a private profile stays out of a member's directory whatever matches it, even its organisation
    expect(await directoryIds(app, viewer.auth, { q: `Secret ${orgToken}` })).toEqual([]);
    expect(await directoryIds(app, moderator.auth, { q: `Secret ${orgToken}` })).toEqual([dana.id]);
    // and an entry is the profile as its owner sees it, less who sees each field (theirs alone to know)
    expect(await directory(app, viewer.auth, { q: `${mk} Bruno` })).toEqual([
      asOthersSee(await ownProfile(app, bruno.auth)),
    ]);
  }, 60_000);
});

describe('directory pagination', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_paging');
  }, 60_000);
  afterAll(() => app.close());

  interface Entry {
    id: string;
    displayName: string;
  }
  const keyOf = (entry: Entry): [string, string] => [entry.displayName.toLowerCase(), entry.id];
  const compare = (a: Entry, b: Entry): number => {
    const [nameA, idA] = keyOf(a);
    const [nameB, idB] = keyOf(b);
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };

  it('walks the directory by cursor, stable while new profiles arrive before and after the position', async () => {
    const mk = marker('pg');
    const addPublic = async (displayName: string): Promise<Entry> => {
      const user = await member(app, displayName, { visibility: 'public' });
      return { id: user.id, displayName };
    };
    const initial: Entry[] = [];
    for (let i = 0; i < 25; i += 1) {
      const letter = String.fromCharCode(97 + ((i * 7) % 25)); // created out of name order
      const word = `${i % 2 === 0 ? letter.toUpperCase() : letter}${letter}x`;
      initial.push(await addPublic(`${mk} ${word}`));
    }
    // not public: never in a guest's walk
    await member(app, `${mk} Members Only`);

    const walked: ProfileBody[] = [];
    const added: { entry: Entry; afterPosition: boolean }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { q: mk, limit: 4 };
      if (cursor) query.cursor = cursor;
      const response = await app.http.get(MEMBERS).query(query).expect(200);
      const body = response.body as DirectoryPage;
      expect(body.items.length).toBeLessThanOrEqual(4);
      walked.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
      if (cursor) {
        expect(body.items).toHaveLength(4);
        if (pages <= 6) {
          const last = body.items[body.items.length - 1];
          const round = String(pages).padStart(2, '0');
          const names = [
            `${mk} 0 Early ${round}`, // before everything
            `${last.displayName.slice(0, -1)} b${round}`, // just before the position
            `${last.displayName} After ${round}`, // just after the position
            `${mk} ZZ Late ${round}`, // after everything
          ];
          for (const name of names) {
            const entry = await addPublic(name);
            added.push({ entry, afterPosition: compare(entry, last) > 0 });
          }
        }
      }
      if (pages > 50) throw new Error('pagination does not end');
    } while (cursor);

    expect(added.filter((item) => item.afterPosition)).toHaveLength(12);
    expect(added.filter((item) => !item.afterPosition)).toHaveLength(12);
    const walkedIds = walked.map((profile) => profile.id);
    expect(new Set(walkedIds).size).toBe(walkedIds.length);
    // every profile present before the walk, exactly once
    for (const entry of initial) expect(walkedIds.filter((id) => id === entry.id)).toHaveLength(1);
    // profiles added behind the position are not seen; those ahead of it are, in their place
    const expectedOrder = [...initial, ...added.filter((item) => item.afterPosition).map((item) => item.entry)].sort(
      compare,
    );
    expect(walkedIds).toEqual(expectedOrder.map((entry) => entry.id));
    // in lower-cased-name order
    const walkedEntries = walked.map((profile) => ({ id: profile.id, displayName: profile.displayName }));
    expect([...walkedEntries].sort(compare)).toEqual(walkedEntries);
    expect(pages).toBe(Math.ceil(expectedOrder.length / 4));

    // a fresh walk sees everyone, in order
    const everyone = [...initial, ...added.map((item) => item.entry)].sort(compare);
    const fresh: string[] = [];
    cursor = null;
    do {
      const query: Record<string, string | number> = { q: mk.toUpperCase(), limit: 7 };
      if (cursor) query.cursor = cursor;
      const body = (await app.http.get(MEMBERS).query(query).expect(200)).body as DirectoryPage;
      fresh.push(...body.items.map((profile) => profile.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(fresh).toEqual(everyone.map((entry) => entry.id));

    // a cursor the server did not hand out
    for (const bad of ['not-a-cursor', '!!!', Buffer.from('{"a":1}').toString('base64url')]) {
      const response = await app.http.get(MEMBERS).query({ q: mk, cursor: bad });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect({ bad, fields: fieldsOf(expectError(response.body, 400)) }).toEqual({ bad, fields: ['cursor'] });
    }
    for (const limit of [0, 101, 'ten']) {
      const response = await app.http.get(MEMBERS).query({ limit });
      expect({ limit, status: response.status }).toEqual({ limit, status: 400 });
      expect(fieldsOf(expectError(response.body, 400))).toEqual(['limit']);
    }
  }, 120_000);
});

describe('data export', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_export');
  }, 60_000);
  afterAll(() => app.close());

  it('hands the caller everything about them, and nothing about anyone else', async () => {
    const mk = marker('exp');
    const ada = await member(app, `Ada ${mk}`, {
      organisation: 'Corridor Watch',
      orgType: 'academia',
      country: 'ke',
      region: 'africa',
      languages: ['sw', 'EN'],
      expertise: ['Return Migration'],
      objectives: [21],
      bio: 'Researcher.',
      visibility: 'public',
    });
    const bob = await register(app, { displayName: `Bob ${mk}` });

    const own = (await createGroup(app, ada.auth, { name: `Own circle ${mk}` }).expect(201)).body as GroupBody;
    const open = (await createGroup(app, bob.auth, { name: `Open circle ${mk}`, joinPolicy: 'open' }).expect(201))
      .body as GroupBody;
    const byRequest = (
      await createGroup(app, bob.auth, { name: `Request circle ${mk}`, joinPolicy: 'request' }).expect(201)
    ).body as GroupBody;
    expect((await app.http.post(`${GROUPS}/${open.id}/join`).set(ada.auth).expect(201)).body).toMatchObject({
      status: 'active',
      role: 'member',
    });
    expect((await app.http.post(`${GROUPS}/${byRequest.id}/join`).set(ada.auth).expect(201)).body).toMatchObject({
      status: 'pending',
    });
    // Bob also belongs to Ada's group
    await app.http.post(`${GROUPS}/${own.id}/join`).set(bob.auth).expect(201);

    const profile = await ownProfile(app, ada.auth);
    const response = await app.http.get(EXPORT).set(ada.auth).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment;\s*filename="?[^"]+\.json"?$/);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const data = response.body as {
      exportedAt: string;
      account: Record<string, unknown>;
      signIns: unknown[];
      community: {
        profile: ProfileBody;
        memberships: { group: { id: string; name: string }; role: string; status: string; since: string }[];
        groupsCreated: unknown[];
      };
    };
    expect(data).toMatchObject({ exportedAt: expect.any(String), signIns: expect.any(Array) });
    expect(data.signIns.length).toBeGreaterThanOrEqual(1);
    expect(data.account).toEqual({
      id: ada.id,
      email: ada.email,
      displayName: `Ada ${mk}`,
      role: 'member',
      status: 'active',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(data.community.profile).toEqual(profile);
    expect(data.community.profile).toMatchObject({
      organisation: 'Corridor Watch',
      country: 'KE',
      languages: ['sw', 'en'],
      expertise: ['return migration'],
      objectives: [21],
    });
    const memberships = [...data.community.memberships].sort((a, b) => a.group.name.localeCompare(b.group.name));
    expect(memberships).toEqual([
      { group: { id: open.id, name: open.name }, role: 'member', status: 'active', since: expect.any(String) },
      { group: { id: own.id, name: own.name }, role: 'owner', status: 'active', since: expect.any(String) },
      {
        group: { id: byRequest.id, name: byRequest.name },
        role: 'member',
        status: 'pending',
        since: expect.any(String),
      },
    ]);
    expect(data.community.groupsCreated).toEqual([{ id: own.id, name: own.name, createdAt: expect.any(String) }]);

    // nothing about Bob, although he shares all three groups with Ada
    const text = JSON.stringify(data);
    for (const secret of [bob.id, bob.email, bob.displayName]) expect(text).not.toContain(secret);
    expect(text).not.toContain(ada.password);

    const guest = await app.http.get(EXPORT);
    expect(guest.status).toBe(401);
    expectError(guest.body, 401);
  }, 60_000);
});

describe('account deletion', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('members_deletion');
  }, 60_000);
  afterAll(() => app.close());

  it('deletes the account, its sign-in and profile, keeps its groups, and refuses sole owners and the last admin', async () => {
    const mk = marker('del');
    const admin = await loginAdmin(app);
    const carol = await member(app, `Carol ${mk}`, { visibility: 'public', organisation: `Org ${mk}` });
    const dan = await register(app, { displayName: `Dan ${mk}` });
    const group = (await createGroup(app, carol.auth, { name: `Shared ${mk}` }).expect(201)).body as GroupBody;
    await app.http.post(`${GROUPS}/${group.id}/join`).set(dan.auth).expect(201);
    await app.http.patch(`${GROUPS}/${group.id}/members/${dan.id}`).set(carol.auth).send({ role: 'owner' }).expect(200);
    const groupBefore = (await app.http.get(`${GROUPS}/${group.id}`).set(dan.auth).expect(200)).body as GroupBody;
    expect(groupBefore).toMatchObject({ memberCount: 2, createdBy: { id: carol.id, displayName: `Carol ${mk}` } });
    expect(await directoryIds(app, admin.auth, { q: mk })).toEqual([carol.id, dan.id]);

    await app.http.delete(OWN).set(carol.auth).expect(204);

    const relogin = await app.http.post(LOGIN).send({ email: carol.email, password: carol.password });
    expect(relogin.status).toBe(401);
    expectError(relogin.body, 401);
    const stale = await app.http.get(OWN).set(carol.auth);
    expect(stale.status).toBe(401);
    expectError(stale.body, 401);
    for (const auth of [null, dan.auth, admin.auth]) {
      const request = app.http.get(`${MEMBERS}/${carol.id}`);
      if (auth) request.set(auth);
      const gone = await request;
      expect({ auth, status: gone.status }).toEqual({ auth, status: 404 });
    }
    expect(await directoryIds(app, admin.auth, { q: mk })).toEqual([dan.id]);
    expect(await directoryIds(app, admin.auth, { q: `Carol ${mk}` })).toEqual([]);

    const groupAfter = (await app.http.get(`${GROUPS}/${group.id}`).set(dan.auth).expect(200)).body as GroupBody;
    expect(groupAfter.createdBy).toEqual({ id: null, displayName: 'deleted member' });
    expect(groupAfter.memberCount).toBe(groupBefore.memberCount - 1);
    const members = await app.http.get(`${GROUPS}/${group.id}/members`).set(dan.auth).expect(200);
    const memberIds = (members.body.items as MembershipBody[]).map((item) => item.userId);
    expect(memberIds).toEqual([dan.id]);
    expect(memberIds).not.toContain(carol.id);

    const refreshed = await app.http.post(REFRESH).send({ refreshToken: carol.refreshToken });
    expect(refreshed.status).toBe(401);
    expectError(refreshed.body, 401);

    // the only owner of a group must hand it over first; nothing is deleted meanwhile
    const erin = await register(app, { displayName: `Erin ${mk}` });
    const sole = (await createGroup(app, erin.auth, { name: `Solo ${mk}` }).expect(201)).body as GroupBody;
    const erinProfile = await ownProfile(app, erin.auth);
    const counts = await documentCounts(app.connection);
    const refused = await app.http.delete(OWN).set(erin.auth);
    expect(refused.status).toBe(409);
    expect(expectError(refused.body, 409).message).toContain(sole.name);
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect(await ownProfile(app, erin.auth)).toEqual(erinProfile);
    const erinAgain = await login(app, erin);
    await app.http.get(OWN).set(erinAgain.auth).expect(200);
    await app.http.post(REFRESH).send({ refreshToken: erin.refreshToken }).expect(200);
    expect((await app.http.get(`${GROUPS}/${sole.id}`).set(erinAgain.auth).expect(200)).body).toMatchObject({
      createdBy: { id: erin.id, displayName: `Erin ${mk}` },
      memberCount: 1,
    });

    // the seeded admin is the only admin
    const adminCounts = await documentCounts(app.connection);
    const lastAdmin = await app.http.delete(OWN).set(admin.auth);
    expect(lastAdmin.status).toBe(409);
    expectError(lastAdmin.body, 409);
    expect(await documentCounts(app.connection)).toEqual(adminCounts);
    await loginAdmin(app);

    await app.http.delete(OWN).expect(401);
  }, 60_000);
});

describe('profile validation', () => {
  let app: TestApp;
  let target: SignedIn;
  beforeAll(async () => {
    app = await startTestApp('members_validation');
    target = await member(app, `Target ${marker('val')}`, { bio: 'Unchanged', country: 'SN' });
  }, 60_000);
  afterAll(() => app.close());

  it('refuses bad changes and bad queries with a 400 naming the field, and writes nothing', async () => {
    const cases: [object, string, string?][] = [
      [{ country: 'ZZ' }, 'country', 'must be an ISO 3166-1 alpha-2 country code, such as SN or MX'],
      [{ objectives: [24] }, 'objectives', 'must be GCM objective numbers from 1 to 23'],
      [{ objectives: [0] }, 'objectives', 'must be GCM objective numbers from 1 to 23'],
      [{ languages: ['xx'] }, 'languages'],
      [{ visibility: 'friends' }, 'visibility'],
      [{ orgType: 'ngo' }, 'orgType'],
      [{ role: 'admin' }, 'role', 'is not an allowed field'],
      [{ email: 'x@y.z' }, 'email', 'is not an allowed field'],
      [{ displayName: '' }, 'displayName'],
      [{ bio: 'b'.repeat(2001) }, 'bio'],
      // a good field beside a bad one is not written either
      [{ bio: 'Changed', country: 'ZZ' }, 'country'],
      [{ organisation: 'Changed', role: 'admin' }, 'role', 'is not an allowed field'],
    ];
    const before = await ownProfile(app, target.auth);
    const counts = await documentCounts(app.connection);
    for (const [body, field, problem] of cases) {
      const response = await patchProfile(app, target.auth, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      const error = expectError(response.body, 400);
      expect({ body, fields: fieldsOf(error) }).toEqual({ body, fields: [field] });
      if (problem) expect(error.details).toContainEqual({ field, problem });
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect(await ownProfile(app, target.auth)).toEqual(before);
    expect((await app.http.get(ME).set(target.auth).expect(200)).body.displayName).toBe(before.displayName);
    // the limits themselves are fine
    await patchProfile(app, target.auth, { bio: 'b'.repeat(2000), objectives: [1, 23] }).expect(200);

    const queries: [Record<string, string | number>, string][] = [
      [{ objective: 24 }, 'objective'],
      [{ objective: 0 }, 'objective'],
      [{ country: 'zz9' }, 'country'],
      [{ language: 'english' }, 'language'],
      [{ orgType: 'ngo' }, 'orgType'],
      [{ region: 'antarctica' }, 'region'],
      [{ unknown: 1 }, 'unknown'],
    ];
    for (const [query, field] of queries) {
      const response = await app.http.get(MEMBERS).set(target.auth).query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect({ query, fields: fieldsOf(expectError(response.body, 400)) }).toEqual({ query, fields: [field] });
    }
    for (const id of ['not-an-id', '123', `${target.id}0`]) {
      const response = await app.http.get(`${MEMBERS}/${id}`);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(fieldsOf(expectError(response.body, 400))).toEqual(['id']);
    }
    const unknown = await app.http.get(`${MEMBERS}/${new Types.ObjectId().toHexString()}`).set(target.auth);
    expect(unknown.status).toBe(404);
    expectError(unknown.body, 404);
  }, 60_000);
});
