import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FileOwners, Files, FilesCleanup, UNATTACHED_GRACE_MS } from '@plenary/files';
import type { Principal } from '@plenary/identity';
import { Types } from 'mongoose';
import { eventually } from './support/eventually.js';
import {
  binary,
  docxWithText,
  elfExecutable,
  nonEmpty,
  pdfWithText,
  pngOfSize,
  sha256,
  upload,
} from './support/files.js';
import { expectError, fieldsOf } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const API = '/api/v1';
const MAX_BYTES = 6 * 1024 * 1024;
/** GridFS's chunk size: a range across this offset reads two chunks. */
const CHUNK = 255 * 1024;

type Summary = { id: string; name: string; size: number; contentType: string; sha256: string };

describe('files: uploads, downloads, access and cleanup', () => {
  let app: TestApp;
  let uploader: SignedIn;
  let other: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;
  /** Owners of the test kind `note`: who wrote each, and whether the public may see it. */
  const notes = new Map<string, { authorId: string; public: boolean }>();

  const principalOf = (member: SignedIn): Principal => ({
    id: member.id,
    email: member.email,
    displayName: member.displayName,
    role: member.role as Principal['role'],
    status: 'active',
    createdAt: new Date(),
    emailVerified: true,
  });

  const download = (id: string, auth?: { Authorization: string }, headers: Record<string, string> = {}) => {
    const request = app.http.get(`${API}/files/${id}`).set(headers).buffer(true).parse(binary);
    return auth ? request.set(auth) : request;
  };

  const stored = async () => nonEmpty(await documentCounts(app.connection));

  beforeAll(async () => {
    app = await startTestApp('files', { UPLOAD_MAX_BYTES: String(MAX_BYTES) });
    [uploader, other, moderator, admin] = await Promise.all([
      register(app),
      register(app),
      registerWithRole(app, 'moderator'),
      loginAdmin(app),
    ]);
    app.app.get(FileOwners).register('note', async (caller, noteId) => {
      const note = notes.get(noteId);
      return Boolean(note && (note.public || note.authorId === caller?.id));
    });
  });

  afterAll(() => app.close());

  it('accepts a PDF, answers its summary, serves it back, and extracts its text for search', async () => {
    const pdf = pdfWithText('Remittance corridors in the Sahel');
    const response = await upload(app, uploader.auth, pdf, 'Rapport d’activité 2025.pdf', 'text/plain').expect(201);
    const file = response.body as Summary;
    expect(file).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Rapport d’activité 2025.pdf',
      size: pdf.length,
      contentType: 'application/pdf', // from the bytes, not the client's text/plain
      sha256: sha256(pdf),
    });

    const got = await download(file.id, uploader.auth).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(pdf.length));
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="Rapport d_activit_ 2025.pdf"; filename*=UTF-8''Rapport%20d%E2%80%99activit%C3%A9%202025.pdf`,
    );
    expect(got.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);

    const files = app.app.get(Files);
    expect(await files.textOf([file.id])).toContain('Remittance corridors in the Sahel');
    const meta = await app.http.get(`${API}/files/${file.id}/meta`).set(uploader.auth).expect(200);
    expect(meta.body).toMatchObject({ ...file, attached: false, textStatus: 'done' });
  });

  it('accepts a DOCX and extracts its text', async () => {
    const docx = docxWithText('Return and reintegration\nA toolkit for local authorities');
    const response = await upload(app, uploader.auth, docx, 'toolkit.docx').expect(201);
    const file = response.body as Summary;
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.sha256).toBe(sha256(docx));
    const text = await app.app.get(Files).textOf([file.id]);
    expect(text).toContain('Return and reintegration');
    expect(text).toContain('A toolkit for local authorities');
    const got = await download(file.id, uploader.auth).expect(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="toolkit\.docx"/);
  });

  it('sniffs the type from the bytes: a renamed executable is refused with 415 and nothing is stored', async () => {
    const before = await stored();
    const response = await upload(app, uploader.auth, elfExecutable(), 'annual-report.pdf', 'application/pdf').expect(
      415,
    );
    expect(expectError(response.body, 415).code).toBe('unsupported_media_type');
    expect(fieldsOf(response.body)).toEqual(['file']);
    expect(response.body.message).toContain('application/x-elf');
    expect(await stored()).toEqual(before);
  });

  it('takes text for CSV only when it parses as CSV and its name says .csv', async () => {
    const csv = Buffer.from('country,pledges\n"Côte d\'Ivoire",3\n"Chile, Santiago",2\r\n');
    const accepted = await upload(app, uploader.auth, csv, 'pledges.csv').expect(201);
    expect(accepted.body).toMatchObject({ contentType: 'text/csv', name: 'pledges.csv', size: csv.length });

    const before = await stored();
    for (const [bytes, name] of [
      [csv, 'pledges.txt'],
      [Buffer.from('a,b\n1,2,3\n'), 'uneven.csv'],
      [Buffer.from('a,b\n"open,2\n'), 'unclosed.csv'],
      [Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x31]), 'latin.csv'],
    ] as const) {
      const refused = await upload(app, uploader.auth, bytes, name).expect(415);
      expect(fieldsOf(refused.body)).toEqual(['file']);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses an upload over UPLOAD_MAX_BYTES with 413 and stores nothing of it', async () => {
    const before = await stored();
    const response = await upload(app, uploader.auth, pngOfSize(MAX_BYTES + 1), 'huge.png').expect(413);
    expect(expectError(response.body, 413).code).toBe('payload_too_large');
    expect(fieldsOf(response.body)).toEqual(['file']);
    expect(await stored()).toEqual(before);
  });

  it('round-trips a 5 MB upload intact', async () => {
    const bytes = pngOfSize(5 * 1024 * 1024);
    const response = await upload(app, uploader.auth, bytes, 'map.png').expect(201);
    const file = response.body as Summary;
    expect(file).toMatchObject({ size: bytes.length, contentType: 'image/png', sha256: sha256(bytes) });
    const got = await download(file.id, uploader.auth).expect(200);
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(sha256(got.body as Buffer)).toBe(sha256(bytes));
  });

  it('answers Range requests with 206 and the exact bytes, across a GridFS chunk boundary, and 416 past the end', async () => {
    const bytes = pngOfSize(600_000);
    const { id } = (await upload(app, uploader.auth, bytes, 'chart.png').expect(201)).body as Summary;

    const across = await download(id, uploader.auth, { Range: `bytes=${CHUNK - 1000}-${CHUNK + 999}` }).expect(206);
    expect(across.headers['content-range']).toBe(`bytes ${CHUNK - 1000}-${CHUNK + 999}/600000`);
    expect(across.headers['content-length']).toBe('2000');
    expect(Buffer.compare(across.body as Buffer, bytes.subarray(CHUNK - 1000, CHUNK + 1000))).toBe(0);

    const twoBoundaries = await download(id, uploader.auth, { Range: `bytes=${CHUNK - 5}-${2 * CHUNK + 5}` }).expect(
      206,
    );
    expect(Buffer.compare(twoBoundaries.body as Buffer, bytes.subarray(CHUNK - 5, 2 * CHUNK + 6))).toBe(0);

    const tail = await download(id, uploader.auth, { Range: 'bytes=-100' }).expect(206);
    expect(tail.headers['content-range']).toBe('bytes 599900-599999/600000');
    expect(Buffer.compare(tail.body as Buffer, bytes.subarray(599_900))).toBe(0);

    const open = await download(id, uploader.auth, { Range: 'bytes=599990-' }).expect(206);
    expect(Buffer.compare(open.body as Buffer, bytes.subarray(599_990))).toBe(0);

    const clamped = await download(id, uploader.auth, { Range: 'bytes=599000-999999' }).expect(206);
    expect(clamped.headers['content-range']).toBe('bytes 599000-599999/600000');

    const past = await app.http.get(`${API}/files/${id}`).set(uploader.auth).set('Range', 'bytes=600000-').expect(416);
    expect(past.headers['content-range']).toBe('bytes */600000');
    expect(expectError(past.body, 416).code).toBe('range_not_satisfiable');

    // Several ranges, or a malformed one, are ignored (RFC 9110): the whole file.
    const several = await download(id, uploader.auth, { Range: 'bytes=0-1,5-6' }).expect(200);
    expect((several.body as Buffer).length).toBe(600_000);
    // An If-Range that no longer matches gets the whole file; one that does gets the range.
    const etag = several.headers.etag as string;
    expect(etag).toBe(`"${sha256(bytes)}"`);
    await download(id, uploader.auth, { Range: 'bytes=0-9', 'If-Range': '"stale"' }).expect(200);
    await download(id, uploader.auth, { Range: 'bytes=0-9', 'If-Range': etag }).expect(206);
  });

  it('shows a file attached to nothing to its uploader only: 404 to guests, other members and moderators', async () => {
    const { id } = (await upload(app, uploader.auth, pngOfSize(1000), 'draft.png').expect(201)).body as Summary;
    await download(id, uploader.auth).expect(200);
    await app.http.get(`${API}/files/${id}/meta`).set(uploader.auth).expect(200);
    for (const caller of [undefined, other.auth, moderator.auth]) {
      const refused = app.http.get(`${API}/files/${id}`);
      expectError((await (caller ? refused.set(caller) : refused).expect(404)).body, 404);
      const meta = app.http.get(`${API}/files/${id}/meta`);
      await (caller ? meta.set(caller) : meta).expect(404);
    }
    // Platform admins may do anything, as everywhere.
    await download(id, admin.auth).expect(200);
    // A file that does not exist answers the same 404.
    await download('0123456789abcdef01234567', uploader.auth).expect(404);
  });

  it('lets the registered owner kind decide who downloads an attached file', async () => {
    const files = app.app.get(Files);
    const { id } = (await upload(app, uploader.auth, pdfWithText('Draft workplan'), 'plan.pdf').expect(201))
      .body as Summary;
    const noteId = '64b000000000000000000001';
    notes.set(noteId, { authorId: uploader.id, public: false });

    // Only the uploader may attach it; the refusal names fileIds and attaches nothing.
    await expect(files.attach(principalOf(other), [id], { kind: 'note', id: noteId })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'fileIds', problem: expect.stringContaining(id) }],
    });
    await expect(files.attach(principalOf(uploader), ['nope'], { kind: 'note', id: noteId })).rejects.toMatchObject({
      status: 400,
    });
    const attached = await files.attach(principalOf(uploader), [id], { kind: 'note', id: noteId });
    expect(attached).toEqual([expect.objectContaining({ id, name: 'plan.pdf' })]);
    // Again to the same owner: accepted as it is; to another owner: 409.
    await files.attach(principalOf(uploader), [id], { kind: 'note', id: noteId });
    await expect(
      files.attach(principalOf(uploader), [id], { kind: 'note', id: '64b000000000000000000002' }),
    ).rejects.toMatchObject({ status: 409, details: [{ field: 'fileIds', problem: expect.any(String) }] });
    expect(await files.describe([id, '0123456789abcdef01234567'])).toEqual([attached[0]]);
    expect(await files.ownedBy({ kind: 'note', id: noteId })).toEqual(attached);
    expect(await files.textOf([id])).toContain('Draft workplan');

    // A private note: its author reads its file; the public, other members, moderators do not.
    await download(id, uploader.auth).expect(200);
    for (const caller of [undefined, other.auth, moderator.auth]) await download(id, caller).expect(404);
    // Public: everyone does.
    notes.set(noteId, { authorId: uploader.id, public: true });
    for (const caller of [undefined, other.auth, uploader.auth]) await download(id, caller).expect(200);
    const meta = await app.http.get(`${API}/files/${id}/meta`).expect(200);
    expect(meta.body).toMatchObject({ id, attached: true });

    // A kind nobody registered is a programming error, not a client's.
    await expect(files.attach(principalOf(uploader), [id], { kind: 'unknown', id: noteId })).rejects.toThrow(
      /not registered/,
    );
  });

  it('refuses malformed or unexpected multipart bodies with 400 naming the field, storing nothing', async () => {
    const before = await stored();
    const post = () => app.http.post(`${API}/files`).set(uploader.auth);
    const cases: [string, () => ReturnType<typeof post>, string][] = [
      ['a JSON body', () => post().send({ file: 'x' }), 'file'],
      ['no boundary', () => post().set('Content-Type', 'multipart/form-data').send('--x\r\n'), 'file'],
      [
        'a body cut short',
        () =>
          post()
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut'),
        'file',
      ],
      [
        'a broken part header',
        () =>
          post()
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send('--xyz\r\nContent-Disposition form-data\r\n\r\nabc\r\n--xyz--\r\n'),
        'file',
      ],
      ['no file', () => post().field('title', 'x'), 'title'],
      [
        'an empty form',
        () => post().set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz--\r\n'),
        'file',
      ],
      ['the file in another field', () => post().attach('document', pdfWithText('x'), 'a.pdf'), 'document'],
      [
        'two files',
        () => post().attach('file', pdfWithText('x'), 'a.pdf').attach('file', pdfWithText('y'), 'b.pdf'),
        'file',
      ],
      ['an extra field', () => post().attach('file', pdfWithText('x'), 'a.pdf').field('title', 'x'), 'title'],
      ['an empty file', () => post().attach('file', Buffer.alloc(0), 'empty.pdf'), 'file'],
    ];
    for (const [what, send, field] of cases) {
      const response = await send();
      expect({ what, status: response.status }).toEqual({ what, status: 400 });
      expectError(response.body, 400);
      expect({ what, fields: fieldsOf(response.body) }).toEqual({ what, fields: [field] });
    }
    expect(await stored()).toEqual(before);
  });

  it('requires a signed-in member to upload', async () => {
    const response = await upload(app, undefined, pdfWithText('x'), 'a.pdf').expect(401);
    expectError(response.body, 401);
  });

  it('removes files nothing references after the grace period, and keeps attached ones', async () => {
    const files = app.app.get(Files);
    const cleanup = app.app.get(FilesCleanup);
    const loose = ((await upload(app, uploader.auth, pngOfSize(300_000), 'loose.png').expect(201)).body as Summary).id;
    const kept = ((await upload(app, uploader.auth, pngOfSize(300_000), 'kept.png').expect(201)).body as Summary).id;
    const letGo = ((await upload(app, uploader.auth, pdfWithText('Let go'), 'let-go.pdf').expect(201)).body as Summary)
      .id;
    const noteId = '64b000000000000000000003';
    notes.set(noteId, { authorId: uploader.id, public: true });
    await files.attach(principalOf(uploader), [kept, letGo], { kind: 'note', id: noteId });
    await files.textOf([letGo]);

    // Within the grace period nothing goes.
    expect(await cleanup.sweep(new Date(Date.now() + UNATTACHED_GRACE_MS - 60_000))).toBe(0);
    await download(loose, uploader.auth).expect(200);

    // The owner lets go of one file: it is unreferenced from now on.
    expect(await files.detach({ kind: 'note', id: noteId }, [letGo])).toBe(1);
    const chunksBefore = await app.connection.collection('uploads.chunks').countDocuments();
    const removed = await cleanup.sweep(new Date(Date.now() + UNATTACHED_GRACE_MS + 60_000));
    expect(removed).toBeGreaterThanOrEqual(2);
    await download(loose, uploader.auth).expect(404);
    await download(letGo, uploader.auth).expect(404);
    await download(kept).expect(200);
    for (const id of [loose, letGo]) {
      const objectId = new Types.ObjectId(id);
      expect(await app.connection.collection('uploads.files').countDocuments({ _id: objectId })).toBe(0);
      expect(await app.connection.collection('uploads.chunks').countDocuments({ files_id: objectId })).toBe(0);
      expect(await app.connection.collection('files').countDocuments({ _id: objectId })).toBe(0);
      expect(await app.connection.collection('file_texts').countDocuments({ fileId: objectId })).toBe(0);
    }
    expect(await app.connection.collection('uploads.chunks').countDocuments()).toBeLessThan(chunksBefore);
    expect(await files.describe([kept])).toHaveLength(1);
  });

  it("lists a member's uploads in their data export, and removes the unattached ones with their account", async () => {
    const member = await register(app);
    const loose = ((await upload(app, member.auth, pngOfSize(500), 'loose.png').expect(201)).body as Summary).id;
    const kept = ((await upload(app, member.auth, pngOfSize(500), 'kept.png').expect(201)).body as Summary).id;
    const noteId = '64b000000000000000000004';
    notes.set(noteId, { authorId: member.id, public: true });
    await app.app.get(Files).attach(principalOf(member), [kept], { kind: 'note', id: noteId });

    const exported = await app.http.get(`${API}/members/me/export`).set(member.auth).expect(200);
    expect(exported.body.files.uploads).toEqual([
      expect.objectContaining({ id: loose, name: 'loose.png', attached: false }),
      expect.objectContaining({ id: kept, name: 'kept.png', attached: true }),
    ]);
    await app.http.delete(`${API}/members/me`).set(member.auth).expect(204);
    expect(await app.connection.collection('files').countDocuments({ _id: new Types.ObjectId(loose) })).toBe(0);
    expect(await app.connection.collection('uploads.files').countDocuments({ _id: new Types.ObjectId(loose) })).toBe(0);
    await download(kept).expect(200);
  });

  it('finishes text extraction off the request path and says so in the metadata', async () => {
    const { id } = (await upload(app, uploader.auth, pdfWithText('Climate change and migration'), 'c.pdf').expect(201))
      .body as Summary;
    await eventually(async () => {
      const meta = await app.http.get(`${API}/files/${id}/meta`).set(uploader.auth).expect(200);
      expect(meta.body.textStatus).toBe('done');
    });
    const image = (await upload(app, uploader.auth, pngOfSize(100), 'i.png').expect(201)).body as Summary;
    const meta = await app.http.get(`${API}/files/${image.id}/meta`).set(uploader.auth).expect(200);
    expect(meta.body.textStatus).toBe('none');
  });
});

// Its own app, once the one above is closed: passport's strategies are process-wide, so the app
// started last authenticates the requests of every app in the process.
describe('files and the request limits', () => {
  it('counts uploads against the write budget', async () => {
    const limited = await startTestApp('files_limits', { LIMIT_WRITES_PER_MINUTE: '2' });
    try {
      const member = await register(limited);
      await upload(limited, member.auth, pngOfSize(100), 'a.png').expect(201);
      await upload(limited, member.auth, pngOfSize(100), 'b.png').expect(201);
      const before = nonEmpty(await documentCounts(limited.connection));
      const refused = await upload(limited, member.auth, pngOfSize(100), 'c.png').expect(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(nonEmpty(await documentCounts(limited.connection))).toEqual(before);
    } finally {
      await limited.close();
    }
  });
});
