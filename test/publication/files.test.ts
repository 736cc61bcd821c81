import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { sha256Of } from '../../src/modules/files/index.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedStartingWith, seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { aClerk, anAgency } from '../support/factories.ts';
import { tempDir } from '../support/files.ts';

const draft = {
  title: '上海市长宁区人民政府办公室关于印发《长宁区公共数据开放实施细则》的通知',
  docNumber: '长府办规〔2026〕3号',
  signedOn: '2026-11-02',
  bodyText: '《长宁区公共数据开放实施细则》已经区政府同意,现印发给你们,请认真按照执行。\n长宁区公共数据开放实施细则\n第一条 (目的) 为规范公共数据开放,制定本细则。',
  attribute: 'proactive',
  subject: '科技、教育',
  effectiveOn: '2026-12-01',
  expiresOn: '2031-11-30',
};

const pdf = Buffer.from('%PDF-1.4\n% 附件一 数据开放目录\n%%EOF\n');
const page = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

for (const engine of engines) {
  describe(`publication files on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let clerk: PublishingActor;
    const files = tempDir();

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ FILES_DIR: join(files.path, 'published'), MAX_ANNEX_MB: '0.001' }), { db: database.db, migrate: false });
      clerk = aClerk(await anAgency(database.db, { name: '上海市长宁区人民政府办公室' }));
      app = buildServer(context);
    });
    after(async () => {
      await app.close();
      await database.close();
      files.remove();
    });

    it('refuses an expiry that is not after the effective date (or, without one, the signing date), naming the field', async () => {
      await assert.rejects(context.publication.createDraft({ ...draft, expiresOn: '2026-12-01' }, clerk), (error: { code: string; message: string; details: { problems: { field: string }[] } }) =>
        error.code === 'validation_failed' && error.message === '有效期至应晚于施行日期' && error.details.problems[0]!.field === 'expiresOn');
      await assert.rejects(context.publication.createDraft({ ...draft, effectiveOn: undefined, expiresOn: '2026-10-01' }, clerk), { message: '有效期至应晚于成文日期' });
      await assert.rejects(context.publication.createDraft({ ...draft, subject: '天文' }, clerk), { message: '主题分类不在可选范围内' });
      await assert.rejects(context.publication.createDraft({ ...draft, effectiveOn: '2026-02-30' }, clerk), { message: '施行日期应为有效日期(YYYY-MM-DD)' });
    });

    it('publishes with annexes: the document page offers the original and each annex; the chosen subject and period are the library\'s', async () => {
      const id = await context.publication.createDraft(draft, clerk, '2026-11-03');
      const first = await context.publication.attachAnnex(id, { bytes: pdf, name: '附件1 数据开放目录.pdf' }, clerk);
      assert.deepEqual(first, { position: 1, name: '附件1 数据开放目录.pdf', size: pdf.length, mediaType: 'application/pdf' });
      await context.publication.attachAnnex(id, { bytes: Buffer.from('不要的附件'), name: 'wrong.txt' }, clerk);
      await context.publication.attachAnnex(id, { bytes: page, name: '申请表.html' }, clerk);
      await context.publication.removeAnnex(id, 2, clerk);
      const [listed] = (await context.publication.list(clerk, '2026-11-03')).filter((p) => p.id === id);
      assert.deepEqual(listed!.annexes.map((a) => [a.position, a.name]), [[1, '附件1 数据开放目录.pdf'], [2, '申请表.html']]);
      assert.deepEqual([listed!.subject, listed!.effectiveOn, listed!.expiresOn], ['科技、教育', '2026-12-01', '2031-11-30']);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_id = ${String(id)} and action like 'publication.%tach' order by id`);
      assert.deepEqual(audit.map((row) => row.action), ['publication.attach', 'publication.attach', 'publication.attach', 'publication.detach']);

      // Not public before publication: the document does not exist yet, its annexes are nowhere.
      const { documentIds } = await context.publication.submit(id, clerk, '2026-11-04');
      const documentId = documentIds[0]!;
      const response = await app.inject({ url: `/documents/${documentId}` });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<a href="\/documents\/\d+\/original" download>下载原文<\/a> <span class="muted">\(TXT,\d+ 字节\)/);
      assert.match(response.body, new RegExp(`<a href="/documents/${documentId}/attachments/1" download>附件1:附件1 数据开放目录\\.pdf</a> <span class="muted">\\(PDF,${pdf.length} 字节\\)`));
      assert.match(response.body, /附件2:申请表\.html<\/a> <span class="muted">\(HTML,/);
      assert.match(response.body, /主题分类<\/th><td><a href="\/subjects\/%E7%A7%91%E6%8A%80%E3%80%81%E6%95%99%E8%82%B2">科技、教育<\/a>/);
      assert.match(response.body, /2026-12-01 起施行,有效期至 2031-11-30/);
      const subjects = await app.inject({ url: `/subjects/${encodeURIComponent('科技、教育')}` });
      assert.match(subjects.body, /长宁区公共数据开放实施细则/);
      const counts = await app.inject({ url: '/subjects' });
      assert.match(counts.body, /科技、教育<\/a> <span class="muted">\(1 篇\)/);

      const annex = await app.inject({ url: `/documents/${documentId}/attachments/1` });
      assert.equal(annex.statusCode, 200);
      assert.deepEqual(annex.rawPayload, pdf);
      assert.equal(annex.headers['content-type'], 'application/pdf');
      assert.equal(annex.headers['content-disposition'], `inline; filename="__1 ______.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B61%20%E6%95%B0%E6%8D%AE%E5%BC%80%E6%94%BE%E7%9B%AE%E5%BD%95.pdf`);
      assert.equal(annex.headers.etag, `"${sha256Of(pdf)}"`);
      assert.equal(annex.headers['x-content-type-options'], 'nosniff');
      const again = await app.inject({ url: `/documents/${documentId}/attachments/1`, headers: { 'if-none-match': `"${sha256Of(pdf)}"` } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');

      // An HTML annex is never rendered on our origin.
      const html = await app.inject({ url: `/documents/${documentId}/attachments/2` });
      assert.match(String(html.headers['content-disposition']), /^attachment; filename="___\.html"; filename\*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8\.html$/);
      assert.match(String(html.headers['content-security-policy']), /sandbox/);

      const original = await app.inject({ url: `/documents/${documentId}/original` });
      assert.equal(original.statusCode, 200);
      assert.match(original.body, /长宁区公共数据开放实施细则/);
      assert.match(String(original.headers['content-type']), /^text\/plain; charset=utf-8/);
      assert.match(String(original.headers['content-disposition']), /filename\*=UTF-8''%E4%B8%8A/, 'named by its title, never the platform\'s file name');

      assert.equal((await app.inject({ url: `/documents/${documentId}/attachments/3` })).statusCode, 404);
      // The interpretation or any other document carries no annex of this one.
      await assert.rejects(context.publication.attachAnnex(id, { bytes: pdf, name: 'late.pdf' }, clerk), { code: 'invalid_transition' });
    });

    it('offers nothing of a publication that is not published, and refuses an annex over the limit', async () => {
      const id = await context.publication.createDraft({ ...draft, title: '长宁区内部管理事项的通知', docNumber: undefined, attribute: 'not_public', notPublicReason: '内部管理信息' }, clerk, '2026-11-03');
      await context.publication.attachAnnex(id, { bytes: Buffer.from('内部附件'), name: '内部.txt' }, clerk);
      await assert.rejects(context.publication.attachAnnex(id, { bytes: Buffer.alloc(2000, 1), name: 'big.bin' }, clerk), { code: 'file_too_large' });
      assert.equal((await context.publication.submit(id, clerk, '2026-11-04')).state, 'filed');
      // The filed publication has no library document; a platform document whose publication is not published offers no file.
      const [platformDoc] = await database.db.query<{ id: number }>(sql`select d.id from documents d join source_files s on s.id = d.source_file_id where s.source_key like 'file:publication-%' order by d.id limit 1`);
      const [published] = await database.db.query<{ id: number }>(sql`select id from publications where state = 'published'`);
      await database.db.query(sql`update publications set state = 'filed' where id = ${published!.id}`);
      try {
        for (const url of [`/documents/${platformDoc!.id}/original`, `/documents/${platformDoc!.id}/attachments/1`]) {
          assert.equal((await app.inject({ url })).statusCode, 404, url);
        }
        assert.doesNotMatch((await app.inject({ url: `/documents/${platformDoc!.id}` })).body, /下载原文|attachments\/1/);
      } finally {
        await database.db.query(sql`update publications set state = 'published' where id = ${published!.id}`);
      }
    });

    it('uploads an annex over the staff API as raw bytes with its UTF-8 name, within the limit', async () => {
      await context.auth.createUser({ username: 'uploader', displayName: '上传员', role: 'clerk', agencyId: clerk.agencyId, password: 'a long passphrase to upload' }, null, { id: 'cli:test' });
      const signIn = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'uploader', password: 'a long passphrase to upload' } });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const headers = { cookie, 'x-csrf-token': (signIn.json() as { csrfToken: string }).csrfToken };
      const created = await app.inject({ method: 'POST', url: '/api/staff/publications', headers, payload: { ...draft, title: '长宁区公共数据开放目录的通知', docNumber: '长府办规〔2026〕4号' } });
      const { id } = created.json() as { id: number };
      const upload = (body: Buffer, name: string, extra: Record<string, string> = {}) =>
        app.inject({ method: 'POST', url: `/api/staff/publications/${id}/annexes`, headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...extra }, payload: body });
      const ok = await upload(pdf, '附件 目录.pdf');
      assert.equal(ok.statusCode, 201);
      assert.deepEqual(ok.json(), { position: 1, name: '附件 目录.pdf', size: pdf.length, mediaType: 'application/pdf' });
      const tooBig = await upload(Buffer.alloc(2000, 1), 'big.bin');
      assert.equal(tooBig.statusCode, 413);
      const noCsrf = await upload(pdf, 'x.pdf', { 'x-csrf-token': 'wrong' });
      assert.equal(noCsrf.statusCode, 403);
      const removed = await app.inject({ method: 'DELETE', url: `/api/staff/publications/${id}/annexes/1`, headers });
      assert.equal(removed.statusCode, 200);
      assert.deepEqual((await context.publication.list(clerk)).find((p) => p.id === id)!.annexes, []);
    });
  });

  describe(`ingested originals on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('keeps every ingested file as received, once, and offers it as 下载原文; re-ingesting stores nothing new', async () => {
      await context.ingest.ingest([seedsDir]);
      const missing = await database.db.query<{ n: number }>(sql`select count(*)::int as n from source_files s where not exists (select 1 from stored_files f where f.sha256 = s.sha256)`);
      assert.equal(missing[0]!.n, 0);
      const [stored] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from stored_files`);
      await database.db.query(sql`delete from stored_files where sha256 = (select sha256 from source_files order by id limit 1)`);
      await context.ingest.ingest([seedsDir]);
      const [after] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from stored_files`);
      assert.equal(after!.n, stored!.n, 'a file read before originals were kept gets its original on the next run, and no other is stored twice');

      const name = seedStartingWith('002');
      const [doc] = await database.db.query<{ id: number; sha256: string }>(sql`select d.id, s.sha256 from documents d join source_files s on s.id = d.source_file_id where s.file_name = ${name} order by d.seq limit 1`);
      const page = await app.inject({ url: `/documents/${doc!.id}` });
      assert.match(page.body, /下载原文<\/a> <span class="muted">\(TXT,[\d.]+ (KB|MB|字节)/);
      const download = await app.inject({ url: `/documents/${doc!.id}/original` });
      assert.equal(download.statusCode, 200);
      assert.equal(sha256Of(download.rawPayload), doc!.sha256);
      assert.match(String(download.headers['content-type']), /^text\/plain; charset=/);
      assert.equal(download.headers.etag, `"${doc!.sha256}"`);
      assert.equal((await app.inject({ url: '/documents/999999/original' })).statusCode, 404);
    });
  });
}
