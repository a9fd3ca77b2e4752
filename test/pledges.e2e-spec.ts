import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { binary, pdfWithText, sha256, textExtracted, upload } from './support/files.js';
import { API, expectStatus, headers, pause, startForumApp, uniqueName, watchWrites } from './support/forum.js';
import { expectError, fieldsOf, walkPages } from './support/http.js';
import { documentCounts, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

/*
 * Pledges (libs/pledges): create, progress updates with evidence, status to realised, followers
 * notified, the dashboard's totals (exact under concurrent writes), export, the cluster setting,
 * the access matrix and bad input.
 */

interface Person {
  id: string | null;
  displayName: string;
}

interface PledgeBody {
  id: string;
  title: string;
  description: string;
  pledger: { kind: string; name: string; country: string | null };
  representatives: Person[];
  objectives: number[];
  principles: string[];
  cluster: string;
  countries: string[];
  regions: string[];
  madeAt: string;
  year: number;
  status: string;
  percent: number | null;
  lastUpdateAt: string | null;
  followerCount: number;
  createdBy: Person;
  viewer: { canEdit: boolean; canReport: boolean; following: boolean };
  createdAt: string;
  updatedAt: string;
}

interface FileBody {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

interface UpdateBody {
  id: string;
  pledgeId: string;
  author: Person;
  text: string;
  percent: number | null;
  milestone: string | null;
  status: string | null;
  evidence: { links: string[]; fileIds: string[]; files: FileBody[] };
  createdAt: string;
}

interface Count<K = string> {
  key: K;
  count: number;
}

interface DashboardBody {
  total: number;
  byStatus: Count[];
  byCluster: (Count & { label: { en: string; fr: string; es: string } | null })[];
  byObjective: Count<number>[];
  byRegion: Count[];
  byYear: Count<number>[];
  byYearStatus: { key: number; byStatus: Count[] }[];
  latestUpdates: (UpdateBody & { pledgeTitle: string })[];
}

interface NotificationBody {
  kind: string;
  actor: Person | null;
  pledgeId: string | null;
  text: string | null;
}

const STATUSES = ['planned', 'in_progress', 'realised', 'discontinued'];
const CLUSTERS = [
  'climate-change',
  'funding',
  'international-cooperation',
  'national-implementation-plans',
  'return-reintegration',
];

let app: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  app = await startForumApp('pledges');
  admin = await loginAdmin(app);
});
afterAll(async () => {
  await app?.close();
});

function pledgeBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: uniqueName('Pledge'),
    description: 'Ending the immigration detention of children by 2030.',
    pledger: { kind: 'member_state', name: 'Mexico', country: 'MX' },
    objectives: [7, 13],
    cluster: 'climate-change',
    ...extra,
  };
}

async function createPledge(caller: SignedIn, extra: Record<string, unknown> = {}): Promise<PledgeBody> {
  const response = await app.http.post(`${API}/pledges`).set(caller.auth).send(pledgeBody(extra));
  expectStatus(response, 201, 'create a pledge');
  return response.body as PledgeBody;
}

async function report(caller: SignedIn, pledgeId: string, body: Record<string, unknown>): Promise<UpdateBody> {
  const response = await app.http.post(`${API}/pledges/${pledgeId}/updates`).set(caller.auth).send(body);
  expectStatus(response, 201, 'report progress');
  return response.body as UpdateBody;
}

async function getPledge(caller: SignedIn | null, id: string): Promise<PledgeBody> {
  const response = await app.http.get(`${API}/pledges/${id}`).set(headers(caller));
  expectStatus(response, 200, 'get a pledge');
  return response.body as PledgeBody;
}

async function timeline(id: string): Promise<UpdateBody[]> {
  return (await walkPages<UpdateBody>(app, `${API}/pledges/${id}/updates`, { limit: 100 })).items;
}

async function dashboard(): Promise<DashboardBody> {
  const response = await app.http.get(`${API}/pledges/dashboard`);
  expectStatus(response, 200, 'dashboard');
  return response.body as DashboardBody;
}

async function pledgeNotifications(member: SignedIn): Promise<NotificationBody[]> {
  const response = await app.http.get(`${API}/notifications`).query({ limit: 100 }).set(member.auth);
  expectStatus(response, 200, 'list notifications');
  return (response.body as { items: NotificationBody[] }).items.filter((item) => item.kind === 'pledge_update');
}

describe('a pledge and its progress', () => {
  it('is created by a member, who represents it with the members they name', async () => {
    const [creator, colleague] = [await register(app), await register(app)];
    const pledge = await createPledge(creator, {
      principles: ['people-centred', 'rule-of-law'],
      regions: ['americas'],
      madeAt: '2022-05-20',
      representativeIds: [colleague.id],
    });
    expect(pledge).toMatchObject({
      description: 'Ending the immigration detention of children by 2030.',
      pledger: { kind: 'member_state', name: 'Mexico', country: 'MX' },
      representatives: [
        { id: creator.id, displayName: creator.displayName },
        { id: colleague.id, displayName: colleague.displayName },
      ],
      objectives: [7, 13],
      principles: ['people-centred', 'rule-of-law'],
      cluster: 'climate-change',
      // a Member State's pledge concerns its own country unless it says otherwise
      countries: ['MX'],
      regions: ['americas'],
      madeAt: '2022-05-20T00:00:00.000Z',
      year: 2022,
      status: 'planned',
      percent: null,
      lastUpdateAt: null,
      followerCount: 0,
      createdBy: { id: creator.id, displayName: creator.displayName },
      viewer: { canEdit: true, canReport: true, following: false },
    });
    // public, to guests too
    expect(await getPledge(null, pledge.id)).toMatchObject({
      id: pledge.id,
      viewer: { canEdit: false, canReport: false, following: false },
    });
    const organisation = await createPledge(creator, {
      pledger: { kind: 'organisation', name: 'Civil society coalition' },
      cluster: 'funding',
    });
    expect(organisation).toMatchObject({
      pledger: { kind: 'organisation', name: 'Civil society coalition', country: null },
      countries: [],
      status: 'planned',
    });
  });

  it('takes progress updates with evidence from its representatives, to realised, and tells its followers', async () => {
    const [creator, colleague, ana, ben] = await Promise.all([
      register(app),
      register(app),
      register(app),
      register(app),
    ]);
    const pledge = await createPledge(creator, { representativeIds: [colleague.id] });
    for (const follower of [ana, ben, colleague]) {
      const followed = await app.http.post(`${API}/pledges/${pledge.id}/follow`).set(follower.auth);
      expectStatus(followed, 200, 'follow');
      expect((followed.body as PledgeBody).viewer.following).toBe(true);
    }
    // following twice is following once
    const again = await app.http.post(`${API}/pledges/${pledge.id}/follow`).set(ana.auth);
    expectStatus(again, 200, 'follow again');
    expect((again.body as PledgeBody).followerCount).toBe(3);

    const first = await report(creator, pledge.id, {
      text: 'The bill passed its first reading.',
      percent: 40,
      milestone: 'First reading',
      status: 'in_progress',
      evidence: { links: ['https://example.org/bill/first-reading'] },
    });
    expect(first).toMatchObject({
      pledgeId: pledge.id,
      author: { id: creator.id, displayName: creator.displayName },
      text: 'The bill passed its first reading.',
      percent: 40,
      milestone: 'First reading',
      status: 'in_progress',
      evidence: { links: ['https://example.org/bill/first-reading'], fileIds: [], files: [] },
    });
    expect(await getPledge(null, pledge.id)).toMatchObject({ status: 'in_progress', percent: 40 });

    const second = await report(colleague, pledge.id, {
      text: 'The law is in force.',
      percent: 100,
      status: 'realised',
      evidence: { links: ['https://example.org/gazette/2026-14', 'https://example.org/press'] },
    });
    const realised = await getPledge(null, pledge.id);
    expect(realised).toMatchObject({ status: 'realised', percent: 100, lastUpdateAt: second.createdAt });

    // a later update without a percentage or status keeps what was reported before
    const third = await report(colleague, pledge.id, { text: 'Training for border officials has begun.' });
    expect(third).toMatchObject({ percent: null, milestone: null, status: null });
    expect(await getPledge(null, pledge.id)).toMatchObject({
      status: 'realised',
      percent: 100,
      lastUpdateAt: third.createdAt,
    });
    expect((await timeline(pledge.id)).map((update) => update.id)).toEqual([third.id, second.id, first.id]);

    // each follower hears of each update, but nobody of their own
    await eventually(async () => {
      for (const follower of [ana, ben]) {
        expect(await pledgeNotifications(follower)).toEqual([
          expect.objectContaining({ actor: { id: colleague.id, displayName: colleague.displayName } }),
          expect.objectContaining({ actor: { id: colleague.id, displayName: colleague.displayName } }),
          expect.objectContaining({ actor: { id: creator.id, displayName: creator.displayName } }),
        ]);
      }
    }, 10_000);
    expect(await pledgeNotifications(ana)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ pledgeId: pledge.id, text: pledge.title })),
    );
    expect(await pledgeNotifications(colleague)).toEqual([
      expect.objectContaining({ actor: { id: creator.id, displayName: creator.displayName }, pledgeId: pledge.id }),
    ]);
    expect(await pledgeNotifications(creator)).toEqual([]);

    // who stops following hears no more
    const unfollowed = await app.http.delete(`${API}/pledges/${pledge.id}/follow`).set(ben.auth);
    expectStatus(unfollowed, 200, 'unfollow');
    expect(unfollowed.body).toMatchObject({ followerCount: 2, viewer: { following: false } });
    await report(creator, pledge.id, { text: 'A follow-up evaluation is planned.' });
    await eventually(async () => expect(await pledgeNotifications(ana)).toHaveLength(4), 10_000);
    await pause(200);
    expect(await pledgeNotifications(ben)).toHaveLength(3);
  });

  it('carries evidence files, downloadable by whoever may read the pledge, attached only by their uploader', async () => {
    const [representative, stranger] = [await register(app), await register(app)];
    const pledge = await createPledge(representative);
    const bytes = pdfWithText('Annual report on the pledge');
    const uploaded = await upload(app, representative.auth, bytes, 'annual-report.pdf');
    expectStatus(uploaded, 201, 'upload');
    const file = uploaded.body as FileBody;
    await textExtracted(app, representative.auth, file.id);
    // before it is attached, only its uploader may download it
    expectStatus(await app.http.get(`${API}/files/${file.id}`), 404, 'a guest downloads an unattached file');

    // somebody else's upload cannot be attached; nothing is written
    const { result: refused, writes } = await watchWrites(app, () =>
      app.http
        .post(`${API}/pledges/${pledge.id}/updates`)
        .set(stranger.auth)
        .send({ text: 'Not mine', evidence: { fileIds: [file.id] } }),
    );
    expectStatus(refused, 403, 'a non-representative reports');
    expect(writes).toEqual([]);

    const update = await report(representative, pledge.id, {
      text: 'The annual report is out.',
      percent: 50,
      evidence: { links: ['https://example.org/report'], fileIds: [file.id] },
    });
    expect(update.evidence).toEqual({
      links: ['https://example.org/report'],
      fileIds: [file.id],
      files: [
        {
          id: file.id,
          name: 'annual-report.pdf',
          size: bytes.length,
          contentType: 'application/pdf',
          sha256: sha256(bytes),
        },
      ],
    });
    expect((await timeline(pledge.id))[0].evidence.files).toEqual(update.evidence.files);
    // attached to a public pledge's update, anyone may download it
    const download = await app.http.get(`${API}/files/${file.id}`).buffer(true).parse(binary);
    expectStatus(download, 200, 'a guest downloads the evidence');
    expect(sha256(download.body as Buffer)).toBe(file.sha256);

    // a file attached once cannot be attached to another update, and a bad id is named
    const { result: again, writes: againWrites } = await watchWrites(app, () =>
      app.http
        .post(`${API}/pledges/${pledge.id}/updates`)
        .set(representative.auth)
        .send({ text: 'Same file', evidence: { fileIds: [file.id] } }),
    );
    expectStatus(again, 409, 'attach the same file twice');
    expect(fieldsOf(again.body)).toEqual(['evidence.fileIds']);
    expect(againWrites).toEqual([]);
    const unknown = await app.http
      .post(`${API}/pledges/${pledge.id}/updates`)
      .set(representative.auth)
      .send({ text: 'No such file', evidence: { fileIds: ['0123456789abcdef01234567'] } });
    expectStatus(unknown, 400, 'attach no file');
    expect(fieldsOf(unknown.body)).toEqual(['evidence.fileIds']);
    expect(await timeline(pledge.id)).toHaveLength(1);
  });

  it('lists pledges by status, cluster, objective, region, country, year and words, newest first', async () => {
    const creator = await register(app);
    const word = uniqueName('Remittance').replace(' ', '-');
    const a = await createPledge(creator, {
      title: `${word} corridor`,
      cluster: 'funding',
      objectives: [20],
      regions: ['africa'],
      countries: ['SN', 'GM'],
      madeAt: '2019-12-10',
      status: 'in_progress',
    });
    const b = await createPledge(creator, {
      title: `Cheaper ${word.toLowerCase()} transfers`,
      cluster: 'funding',
      objectives: [20, 1],
      regions: ['europe'],
      madeAt: '2022-05-20',
    });
    const list = async (query: Record<string, string | number>) => {
      const response = await app.http.get(`${API}/pledges`).query({ q: word, limit: 100, ...query });
      expectStatus(response, 200, `list ${JSON.stringify(query)}`);
      return (response.body as { items: PledgeBody[] }).items.map((pledge) => pledge.id);
    };
    expect(await list({})).toEqual([b.id, a.id]);
    expect(await list({ status: 'in_progress' })).toEqual([a.id]);
    expect(await list({ status: 'planned' })).toEqual([b.id]);
    expect(await list({ cluster: 'funding' })).toEqual([b.id, a.id]);
    expect(await list({ cluster: 'climate-change' })).toEqual([]);
    expect(await list({ objective: 1 })).toEqual([b.id]);
    expect(await list({ region: 'africa' })).toEqual([a.id]);
    expect(await list({ country: 'gm' })).toEqual([a.id]);
    expect(await list({ year: 2022 })).toEqual([b.id]);
    expect(await list({ year: 2022, objective: 20, cluster: 'funding' })).toEqual([b.id]);
    // pages walk the same list
    const walked = await walkPages<PledgeBody>(app, `${API}/pledges`, { limit: 1, query: { q: word } });
    expect(walked.items.map((pledge) => pledge.id)).toEqual([b.id, a.id]);
  });
});

describe('the pledge dashboard', () => {
  /** Every pledge, as the list gives them one by one. */
  const everyPledge = async () => (await walkPages<PledgeBody>(app, `${API}/pledges`, { limit: 100 })).items;

  /** What the dashboard must say, counted from single pledges. */
  function expectedFrom(pledges: PledgeBody[]) {
    const count = <K>(keys: K[], key: K) => keys.filter((each) => each === key).length;
    const years = [...new Set(pledges.map((pledge) => pledge.year))].sort((x, y) => x - y);
    return {
      total: pledges.length,
      byStatus: STATUSES.map((key) => ({
        key,
        count: count(
          pledges.map((p) => p.status),
          key,
        ),
      })),
      byCluster: CLUSTERS.map((key) => ({
        key,
        count: count(
          pledges.map((p) => p.cluster),
          key,
        ),
      })),
      byObjective: Array.from({ length: 23 }, (_, index) => ({
        key: index + 1,
        count: count(
          pledges.flatMap((p) => p.objectives),
          index + 1,
        ),
      })),
      byRegion: (regions: string[]) =>
        regions.map((key) => ({
          key,
          count: count(
            pledges.flatMap((p) => p.regions),
            key,
          ),
        })),
      byYear: years.map((key) => ({
        key,
        count: count(
          pledges.map((p) => p.year),
          key,
        ),
      })),
    };
  }

  function expectAgreement(board: DashboardBody, pledges: PledgeBody[]): void {
    const expected = expectedFrom(pledges);
    expect(board.total).toBe(expected.total);
    expect(board.byStatus).toEqual(expected.byStatus);
    expect(board.byStatus.reduce((sum, { count }) => sum + count, 0)).toBe(board.total);
    expect(board.byCluster.map(({ key, count }) => ({ key, count }))).toEqual(expected.byCluster);
    expect(board.byObjective).toEqual(expected.byObjective);
    expect(board.byRegion).toEqual(expected.byRegion(board.byRegion.map(({ key }) => key)));
    expect(board.byYear).toEqual(expected.byYear);
    // Status over time: each year's pledges by their status now, summing to that year's count.
    expect(board.byYearStatus).toEqual(
      expected.byYear.map(({ key: year }) => ({
        key: year,
        byStatus: STATUSES.map((key) => ({
          key,
          count: pledges.filter((p) => p.year === year && p.status === key).length,
        })),
      })),
    );
  }

  it('is public, and labels the clusters in English, French and Spanish', async () => {
    const board = await dashboard();
    expect(board.byCluster.map(({ key }) => key)).toEqual(CLUSTERS);
    expect(board.byCluster[0].label).toEqual({
      en: 'Climate change and migration',
      fr: 'Changements climatiques et migration',
      es: 'Cambio climático y migración',
    });
    expect(board.byStatus.map(({ key }) => key)).toEqual(STATUSES);
    expect(board.byObjective.map(({ key }) => key)).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    expect(board.byRegion.length).toBeGreaterThan(3);
  });

  it('counts exactly what single pledges say, also after concurrent creations and updates', async () => {
    const before = await dashboard();
    expectAgreement(before, await everyPledge());

    const [first, second] = [await register(app), await register(app)];
    const regions = ['africa', 'americas', 'asia', 'europe', 'oceania'];
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        createPledge(first, {
          cluster: CLUSTERS[index % CLUSTERS.length],
          objectives: [1 + (index % 23), 23 - (index % 5)].filter((value, at, all) => all.indexOf(value) === at),
          regions: [regions[index % regions.length]],
          madeAt: `${2018 + (index % 4)}-06-01`,
          status: STATUSES[index % STATUSES.length],
          representativeIds: [second.id],
        }),
      ),
    );
    const afterCreation = await dashboard();
    expect(afterCreation.total).toBe(before.total + 12);
    expectAgreement(afterCreation, await everyPledge());

    // two representatives report on every pledge at once, moving statuses, while members follow them
    const followers = await Promise.all([register(app), register(app)]);
    const reports = created.flatMap((pledge, index) => [
      () =>
        report(first, pledge.id, {
          text: `First report ${index}`,
          percent: 30,
          status: STATUSES[(index + 1) % STATUSES.length],
        }),
      () =>
        report(second, pledge.id, {
          text: `Second report ${index}`,
          percent: 60,
          status: STATUSES[(index + 2) % STATUSES.length],
        }),
    ]);
    const follows = created.flatMap((pledge) =>
      followers.map((follower) => () => app.http.post(`${API}/pledges/${pledge.id}/follow`).set(follower.auth)),
    );
    const results = await Promise.all([...reports, ...follows].map((run) => run()));
    expect(results).toHaveLength(reports.length + follows.length);

    const after = await dashboard();
    const pledges = await everyPledge();
    expect(after.total).toBe(before.total + 12);
    expectAgreement(after, pledges);
    for (const pledge of created) {
      const updates = await timeline(pledge.id);
      expect(updates).toHaveLength(2);
      // the pledge says what its latest update said, whatever order the writes landed in
      const now = pledges.find((each) => each.id === pledge.id);
      expect(now).toMatchObject({
        status: updates[0].status,
        percent: updates[0].percent,
        lastUpdateAt: updates[0].createdAt,
        followerCount: 2,
      });
    }

    // the latest updates: the newest ten, newest first, each with its pledge's title
    const newest = after.latestUpdates;
    expect(newest).toHaveLength(10);
    const allNew = (await Promise.all(created.map((pledge) => timeline(pledge.id)))).flat();
    const expectedIds = allNew
      .map((update) => update.id)
      .sort()
      .reverse()
      .slice(0, 10);
    expect(newest.map((update) => update.id)).toEqual(expectedIds);
    for (const update of newest) {
      expect(update.pledgeTitle).toBe(created.find((pledge) => pledge.id === update.pledgeId)?.title);
    }
  });
});

describe('the pledge export', () => {
  it('gives every pledge with its updates as JSON, and one row per pledge as CSV, to anyone', async () => {
    const creator = await register(app);
    const pledge = await createPledge(creator, {
      title: `=HYPERLINK("x") ${uniqueName('Export')}`,
      pledger: { kind: 'organisation', name: 'Returns network', country: 'SN' },
      cluster: 'return-reintegration',
      objectives: [21],
      regions: ['africa'],
    });
    await report(creator, pledge.id, { text: 'Ten reintegration grants made.', percent: 25, milestone: 'Grants' });

    const json = await app.http.get(`${API}/pledges/export`).query({ format: 'json' });
    expectStatus(json, 200, 'export json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const exported = (json.body as { pledges: (PledgeBody & { updates: UpdateBody[] })[] }).pledges;
    expect(exported.length).toBe((await dashboard()).total);
    expect(exported.find((each) => each.id === pledge.id)).toMatchObject({
      title: pledge.title,
      pledger: { kind: 'organisation', name: 'Returns network', country: 'SN' },
      cluster: 'return-reintegration',
      percent: 25,
      updates: [expect.objectContaining({ text: 'Ten reintegration grants made.', percent: 25, milestone: 'Grants' })],
    });

    const csv = await app.http.get(`${API}/pledges/export`).query({ format: 'csv' }).buffer(true);
    expectStatus(csv, 200, 'export csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="pledges.csv"');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,title,pledger kind,pledger,pledger country,cluster,objectives,principles,countries,regions,made on,status,percent,updates,last update at,last update,followers,representatives',
    );
    expect(lines).toHaveLength(exported.length + 1);
    const row = lines.find((line) => line.startsWith(pledge.id));
    // a title that starts like a formula is quoted for spreadsheets
    expect(row).toContain(`"'=HYPERLINK(""x"")`);
    expect(row).toContain(',organisation,Returns network,SN,return-reintegration,21,,,africa,');
    expect(row).toContain(',planned,25,1,');

    const bad = await app.http.get(`${API}/pledges/export`).query({ format: 'xml' });
    expectStatus(bad, 400, 'export xml');
    expect(fieldsOf(bad.body)).toEqual(['format']);
  });
});

describe('the pledge clusters setting', () => {
  it('is public to read, changed by admins only, and keeps clusters that pledges are in', async () => {
    const member = await register(app);
    const seeded = await app.http.get(`${API}/settings/pledge-clusters`);
    expectStatus(seeded, 200, 'get clusters');
    const clusters = (seeded.body as { clusters: { key: string; label: Record<string, string> }[] }).clusters;
    expect(clusters.map(({ key }) => key)).toEqual(CLUSTERS);
    expect(clusters[4]).toEqual({
      key: 'return-reintegration',
      label: { en: 'Return and reintegration', fr: 'Retour et réintégration', es: 'Retorno y reintegración' },
    });

    const labour = {
      key: 'labour-mobility',
      label: { en: 'Labour mobility', fr: 'Mobilité de la main-d’œuvre', es: 'Movilidad laboral' },
    };
    expectStatus(
      await app.http
        .put(`${API}/settings/pledge-clusters`)
        .set(member.auth)
        .send({ clusters: [...clusters, labour] }),
      403,
      'a member changes the clusters',
    );
    const unknown = await app.http
      .post(`${API}/pledges`)
      .set(member.auth)
      .send(pledgeBody({ cluster: 'labour-mobility' }));
    expectStatus(unknown, 400, 'a pledge in an unknown cluster');
    expect(fieldsOf(unknown.body)).toEqual(['cluster']);

    const added = await app.http
      .put(`${API}/settings/pledge-clusters`)
      .set(admin.auth)
      .send({ clusters: [...clusters, labour] });
    expectStatus(added, 200, 'add a cluster');
    expect(added.body).toEqual({ clusters: [...clusters, labour] });
    const pledge = await createPledge(member, { cluster: 'labour-mobility' });
    expect((await dashboard()).byCluster.at(-1)).toEqual({ ...labour, count: 1 });

    // a cluster that holds a pledge cannot go; nothing is written
    const { result: refused, writes } = await watchWrites(app, () =>
      app.http.put(`${API}/settings/pledge-clusters`).set(admin.auth).send({ clusters }),
    );
    expectStatus(refused, 409, 'remove a cluster in use');
    expect(expectError(refused.body, 409).details).toEqual([
      { field: 'clusters', problem: 'labour-mobility holds 1 pledge(s)' },
    ]);
    expect(writes).toEqual([]);

    const repeated = await app.http
      .put(`${API}/settings/pledge-clusters`)
      .set(admin.auth)
      .send({ clusters: [...clusters, labour, labour] });
    expectStatus(repeated, 400, 'repeat a key');
    expect(fieldsOf(repeated.body)).toEqual(['clusters.6.key']);

    // once the pledge moved, the cluster may go
    expectStatus(
      await app.http.patch(`${API}/pledges/${pledge.id}`).set(member.auth).send({ cluster: 'funding' }),
      200,
      'move the pledge',
    );
    const restored = await app.http.put(`${API}/settings/pledge-clusters`).set(admin.auth).send({ clusters });
    expectStatus(restored, 200, 'remove the cluster');
    expect(restored.body).toEqual({ clusters });
  });
});

describe('pledges access matrix', () => {
  const ROLES = ['guest', 'member', 'creator', 'representative', 'moderator', 'admin'] as const;
  type Role = (typeof ROLES)[number];
  type Row = readonly [number, number, number, number, number, number];

  /*
   * The creator named a representative, then stepped down as one (they still edit the pledge they
   * made); the moderator and the admin are neither.
   */
  const EXPECTED: Record<string, Row> = {
    'read a pledge': [200, 200, 200, 200, 200, 200],
    'list pledges': [200, 200, 200, 200, 200, 200],
    'read the timeline': [200, 200, 200, 200, 200, 200],
    'read the dashboard': [200, 200, 200, 200, 200, 200],
    export: [200, 200, 200, 200, 200, 200],
    'read the clusters': [200, 200, 200, 200, 200, 200],
    'create a pledge': [401, 201, 201, 201, 201, 201],
    'edit the pledge': [401, 403, 200, 200, 200, 200],
    'report progress': [401, 403, 403, 201, 403, 201],
    follow: [401, 200, 200, 200, 200, 200],
    unfollow: [401, 200, 200, 200, 200, 200],
    'change the clusters': [401, 403, 403, 403, 403, 200],
  };

  let pledgeId: string;
  const callers = {} as Record<Role, SignedIn | null>;
  let clusters: unknown;

  beforeAll(async () => {
    const creator = await register(app, { displayName: 'Pledge Creator' });
    const representative = await register(app, { displayName: 'Pledge Representative' });
    Object.assign(callers, {
      guest: null,
      member: await register(app),
      creator,
      representative,
      moderator: await registerWithRole(app, 'moderator'),
      admin,
    });
    pledgeId = (await createPledge(creator, { representativeIds: [representative.id] })).id;
    expectStatus(
      await app.http
        .patch(`${API}/pledges/${pledgeId}`)
        .set(creator.auth)
        .send({ representativeIds: [representative.id] }),
      200,
      'the creator steps down as representative',
    );
    clusters = (await app.http.get(`${API}/settings/pledge-clusters`).expect(200)).body;
  });

  const act = (action: string, caller: SignedIn | null) => {
    const as = headers(caller);
    switch (action) {
      case 'read a pledge':
        return app.http.get(`${API}/pledges/${pledgeId}`).set(as);
      case 'list pledges':
        return app.http.get(`${API}/pledges`).set(as);
      case 'read the timeline':
        return app.http.get(`${API}/pledges/${pledgeId}/updates`).set(as);
      case 'read the dashboard':
        return app.http.get(`${API}/pledges/dashboard`).set(as);
      case 'export':
        return app.http.get(`${API}/pledges/export`).query({ format: 'csv' }).set(as);
      case 'read the clusters':
        return app.http.get(`${API}/settings/pledge-clusters`).set(as);
      case 'create a pledge':
        return app.http.post(`${API}/pledges`).set(as).send(pledgeBody());
      case 'edit the pledge':
        return app.http
          .patch(`${API}/pledges/${pledgeId}`)
          .set(as)
          .send({ description: `Edited by ${caller?.displayName ?? 'nobody'}` });
      case 'report progress':
        return app.http
          .post(`${API}/pledges/${pledgeId}/updates`)
          .set(as)
          .send({ text: `Progress from ${caller?.displayName ?? 'nobody'}` });
      case 'follow':
        return app.http.post(`${API}/pledges/${pledgeId}/follow`).set(as);
      case 'unfollow':
        return app.http.delete(`${API}/pledges/${pledgeId}/follow`).set(as);
      case 'change the clusters':
        return app.http
          .put(`${API}/settings/pledge-clusters`)
          .set(as)
          .send(clusters as object);
      default:
        throw new Error(`no such action: ${action}`);
    }
  };

  for (const [action, row] of Object.entries(EXPECTED)) {
    it(`${action}: ${ROLES.map((role, index) => `${role} ${row[index]}`).join(', ')}`, async () => {
      const got: number[] = [];
      for (const role of ROLES) {
        const response = await act(action, callers[role]);
        if (response.status >= 400) expectError(response.body, response.status);
        got.push(response.status);
      }
      expect(Object.fromEntries(ROLES.map((role, index) => [role, got[index]]))).toEqual(
        Object.fromEntries(ROLES.map((role, index) => [role, row[index]])),
      );
    });
  }

  it('tells each caller what they may do, and audits the edits of moderators and admins only', async () => {
    const viewers = await Promise.all(ROLES.map(async (role) => (await getPledge(callers[role], pledgeId)).viewer));
    expect(viewers.map(({ canEdit, canReport }) => [canEdit, canReport])).toEqual([
      [false, false],
      [false, false],
      [true, false],
      [true, true],
      [true, false],
      [true, true],
    ]);
    const audit = await app.http
      .get(`${API}/moderation/audit`)
      .query({ targetType: 'pledge', targetId: pledgeId })
      .set(admin.auth);
    expectStatus(audit, 200, 'read the audit log');
    const entries = (audit.body as { items: { actor: Person; action: string; after: Record<string, unknown> }[] })
      .items;
    expect(entries.map((entry) => [entry.action, entry.actor.id, entry.after.description])).toEqual([
      ['pledge.edit', admin.id, `Edited by ${admin.displayName}`],
      ['pledge.edit', callers.moderator?.id, `Edited by ${callers.moderator?.displayName}`],
    ]);
  });
});

describe('bad input to the pledge routes', () => {
  let creator: SignedIn;
  let pledgeId: string;

  beforeAll(async () => {
    creator = await register(app);
    pledgeId = (await createPledge(creator)).id;
  });

  const CASES: [string, string, string, Record<string, unknown>, string[]][] = [
    ['an unknown objective', 'POST', '/pledges', pledgeBody({ objectives: [7, 24] }), ['objectives']],
    ['no objective', 'POST', '/pledges', pledgeBody({ objectives: [] }), ['objectives']],
    ['an unknown cluster', 'POST', '/pledges', pledgeBody({ cluster: 'no-such-cluster' }), ['cluster']],
    ['an unknown principle', 'POST', '/pledges', pledgeBody({ principles: ['whatever'] }), ['principles']],
    [
      'an unknown region and country',
      'POST',
      '/pledges',
      pledgeBody({ regions: ['mars'], countries: ['XX'] }),
      ['countries', 'regions'],
    ],
    [
      'a Member State without its country',
      'POST',
      '/pledges',
      pledgeBody({ pledger: { kind: 'member_state', name: 'Mexico' } }),
      ['pledger.country'],
    ],
    [
      'an unknown pledger kind',
      'POST',
      '/pledges',
      pledgeBody({ pledger: { kind: 'company', name: 'Acme' } }),
      ['pledger.kind'],
    ],
    [
      'an unknown status and a bad date',
      'POST',
      '/pledges',
      pledgeBody({ status: 'done', madeAt: 'yesterday' }),
      ['madeAt', 'status'],
    ],
    [
      'extra fields',
      'POST',
      '/pledges',
      pledgeBody({ budget: 1_000_000, pledger: { kind: 'organisation', name: 'IOM', size: 'large' } }),
      ['budget', 'pledger.size'],
    ],
    [
      'an unknown representative',
      'POST',
      '/pledges',
      pledgeBody({ representativeIds: ['0123456789abcdef01234567'] }),
      ['representativeIds.0'],
    ],
    [
      'a missing title and pledger',
      'POST',
      '/pledges',
      { description: 'x', objectives: [1], cluster: 'funding' },
      ['pledger', 'title'],
    ],
    ['a negative percentage', 'POST', '/pledges/:id/updates', { text: 'Progress', percent: -5 }, ['percent']],
    ['a percentage over 100', 'POST', '/pledges/:id/updates', { text: 'Progress', percent: 101 }, ['percent']],
    [
      'evidence that is not a link',
      'POST',
      '/pledges/:id/updates',
      { text: 'Progress', evidence: { links: ['javascript:alert(1)'], fileIds: ['nope'] } },
      ['evidence.fileIds', 'evidence.links'],
    ],
    [
      'an empty text and extra fields',
      'POST',
      '/pledges/:id/updates',
      { text: '  ', mood: 'good', evidence: { photos: [] } },
      ['evidence.photos', 'mood', 'text'],
    ],
    ['an unknown status', 'POST', '/pledges/:id/updates', { text: 'Progress', status: 'finished' }, ['status']],
    ['an unknown objective', 'PATCH', '/pledges/:id', { objectives: [0] }, ['objectives']],
    ['an unknown cluster', 'PATCH', '/pledges/:id', { cluster: 'nowhere' }, ['cluster']],
    ['no representative', 'PATCH', '/pledges/:id', { representativeIds: [] }, ['representativeIds']],
    [
      'extra fields',
      'PATCH',
      '/pledges/:id',
      { title: 'A new title', createdBy: '0123456789abcdef01234567' },
      ['createdBy'],
    ],
    [
      'a cluster without labels',
      'PUT',
      '/settings/pledge-clusters',
      { clusters: [{ key: 'Funding!', label: { en: 'Funding' } }] },
      ['clusters.0.key', 'clusters.0.label.es', 'clusters.0.label.fr'],
    ],
    ['no clusters', 'PUT', '/settings/pledge-clusters', { clusters: [] }, ['clusters']],
  ];

  it.each(CASES)(
    '%s (%s %s) is a 400 naming the fields, and writes nothing',
    async (_what, method, path, body, fields) => {
      const caller = path.startsWith('/settings') ? admin : creator;
      const url = `${API}${path.replace(':id', pledgeId)}`;
      const before = await documentCounts(app.connection);
      const { result: response, writes } = await watchWrites(app, () =>
        (method === 'POST' ? app.http.post(url) : method === 'PATCH' ? app.http.patch(url) : app.http.put(url))
          .set(caller.auth)
          .send(body),
      );
      expectStatus(response, 400, `${method} ${path}`);
      expect(expectError(response.body, 400).code).toBe('validation_failed');
      expect(fieldsOf(response.body)).toEqual(fields);
      expect(writes).toEqual([]);
      expect(await documentCounts(app.connection)).toEqual(before);
    },
  );

  it('refuses bad filters and ids, naming them', async () => {
    const filters = await app.http
      .get(`${API}/pledges`)
      .query({ status: 'done', objective: 24, region: 'mars', year: 'soon', cluster: 'Bad Key', extra: 1 });
    expectStatus(filters, 400, 'bad filters');
    expect(fieldsOf(filters.body)).toEqual(['cluster', 'extra', 'objective', 'region', 'status', 'year']);
    expectStatus(await app.http.get(`${API}/pledges/not-an-id`), 400, 'a bad id');
    expectStatus(await app.http.get(`${API}/pledges/0123456789abcdef01234567`), 404, 'no such pledge');
    expectStatus(
      await app.http.post(`${API}/pledges/0123456789abcdef01234567/updates`).set(creator.auth).send({ text: 'x' }),
      404,
      'progress on no pledge',
    );
  });

  it('refuses a body of 10 MB without writing anything', async () => {
    const before = await documentCounts(app.connection);
    const response = await app.http
      .post(`${API}/pledges`)
      .set(creator.auth)
      .send(pledgeBody({ description: 'x'.repeat(10 * 1024 * 1024) }));
    expect([400, 413]).toContain(response.status);
    expectError(response.body, response.status);
    expect(await documentCounts(app.connection)).toEqual(before);
  });
});
