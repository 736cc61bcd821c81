import type { StaffActor } from '../../src/core/auth/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { createClockService } from '../../src/core/clock/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createDisclosureService, type DisclosureService } from '../../src/modules/disclosure/index.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { noticeHtml, noticePdf } from '../../src/server/notice.render.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const pdfBytes = Buffer.from('%PDF-1.4\n% reply attachment\n');
const asFile = (name: string, bytes: Buffer) => ({ name, data: bytes.toString('base64') });

for (const engine of engines) {
  describe(`reply letters on ${engine}`, () => {
    let database: TestDatabase;
    let service: DisclosureService;
    let office: StaffActor;
    let archives: StaffActor;

    before(async () => {
      database = await openTestDatabase(engine);
      office = { id: 'user:office', agencyId: await anAgency(database.db, { name: '上海市长宁区人民政府办公室', shortName: '长宁区府办' }) };
      archives = { id: 'user:archives', agencyId: await anAgency(database.db, { name: '上海市长宁区档案局' }) };
      service = createDisclosureService(database.db, createClockService(database.db, createCalendarService(database.db), deadlineRules));
    });
    after(async () => {
      await database.close();
    });

    const open = async (agencyId: number, on: string) =>
      (await service.submit({ agencyId, applicant: { type: 'natural_person', name: '钱七', idNumber: '310101199001011234', phone: '13800000000' }, description: '2024年旧改项目批复', deliveryForm: 'electronic', deliveryWay: 'online' }, { id: 'public' }, on)).id;
    const numberOf = async (id: number) => (await database.db.query<{ reply_number: string | null }>(sql`select reply_number from disclosure_requests where id = ${id}`))[0]!.reply_number;

    it('refuses 予以公开 and 部分公开 without content or attachment, or without a way of delivery, in Chinese; other categories give none', async () => {
      const id = await open(office.agencyId!, '2024-06-03');
      const base = { on: '2024-06-04', basis: '《条例》第三十六条' };
      await assert.rejects(service.act(id, 'reply', { ...base, category: 'disclose' }, office, '2024-06-04'), { code: 'validation_failed', message: /须填写公开的内容或上传附件.*须选择提供方式/ });
      await assert.rejects(service.act(id, 'reply', { ...base, category: 'partial', delivery: 'online' }, office, '2024-06-04'), { message: '「部分公开」须填写公开的内容或上传附件' });
      await assert.rejects(service.act(id, 'reply', { ...base, category: 'disclose', content: '全文' }, office, '2024-06-04'), { message: '「予以公开」须选择提供方式' });
      await assert.rejects(service.act(id, 'reply', { ...base, category: 'disclose', content: '全文', delivery: 'fax' }, office, '2024-06-04'), { code: 'validation_failed', message: /提供方式不在可选范围内/ });
      await assert.rejects(service.act(id, 'reply', { ...base, category: 'refuse', reason: 'state_secret', content: '全文' }, office, '2024-06-04'), { message: /不提供信息/ });
      // The file is what its name says, not empty, not too large, of a kind that may be given.
      const attach = (file: { name: string; data: string }) => service.act(id, 'reply', { ...base, category: 'disclose', attachment: file, delivery: 'online' }, office, '2024-06-04');
      await assert.rejects(attach(asFile('答复.html', Buffer.from('<script>alert(1)</script>'))), { code: 'validation_failed', message: /类型不支持/ });
      await assert.rejects(attach(asFile('答复.pdf', Buffer.from('<html>not a pdf</html>'))), { code: 'validation_failed', message: /内容与扩展名 .pdf 不符/ });
      await assert.rejects(attach(asFile('答复.pdf', Buffer.alloc(0))), { code: 'file_empty' });
      await assert.rejects(attach(asFile('答复.pdf', Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]))), { message: /附件.*超过 10 MB/ });
      assert.equal(await numberOf(id), null, 'no refused reply takes a number');
      assert.equal((await database.db.query(sql`select 1 from disclosure_reply_numbers`)).length, 0);
      // Text and file together, delivered online: stored with the request, the file under its base name only.
      assert.equal(await service.act(id, 'reply', { ...base, category: 'disclose', content: '一、项目批复全文\n二、附图说明', attachment: asFile('../../etc/批复.pdf', pdfBytes), delivery: 'online' }, office, '2024-06-04'), 'replied');
      const file = await service.caseFile(id, office, '2024-06-04');
      assert.equal(file.request.replyContent, '一、项目批复全文\n二、附图说明');
      assert.equal(file.request.replyDelivery, 'online');
      assert.deepEqual(file.request.replyFile, { name: '批复.pdf', size: pdfBytes.length, contentType: 'application/pdf' });
      assert.deepEqual((await service.replyFile(id, office)).data, pdfBytes);
      await assert.rejects(service.replyFile(id, archives), { code: 'not_found' });
      const [audit] = await database.db.query<{ after: { documentNumber: string; attachment: { name: string } } }>(sql`select after from audit_events where action = 'disclosure.reply' order by id desc limit 1`);
      assert.equal(audit!.after.documentNumber, '长宁区府办依申复〔2024〕1号');
      assert.equal(audit!.after.attachment.name, '批复.pdf');
    });

    it('numbers reply letters per agency per year, once each, with the short name or else the name', async () => {
      const replyOn = (id: number, on: string, actor: StaffActor, category = 'partial') =>
        service.act(id, 'reply', { on, category, basis: '《条例》第三十七条', content: '可以公开的部分', delivery: 'mail', ...(category === 'unable' ? { reason: 'not_held', content: undefined, delivery: undefined } : {}) }, actor, on);
      const first = await open(office.agencyId!, '2024-07-01');
      const second = await open(office.agencyId!, '2024-07-01');
      const otherAgency = await open(archives.agencyId!, '2024-07-01');
      const nextYear = await open(office.agencyId!, '2024-12-30');
      const refused = await open(office.agencyId!, '2024-07-01');
      await replyOn(first, '2024-07-02', office);
      await replyOn(otherAgency, '2024-07-02', archives);
      await replyOn(refused, '2024-07-03', office, 'unable');
      await replyOn(second, '2024-07-04', office);
      await replyOn(nextYear, '2025-01-06', office);
      // The first test's reply was the office's first of 2024.
      assert.equal(await numberOf(first), '长宁区府办依申复〔2024〕2号');
      assert.equal(await numberOf(refused), '长宁区府办依申复〔2024〕3号', 'every reply letter is numbered, whatever its category');
      assert.equal(await numberOf(second), '长宁区府办依申复〔2024〕4号');
      assert.equal(await numberOf(otherAgency), '上海市长宁区档案局依申复〔2024〕1号');
      assert.equal(await numberOf(nextYear), '长宁区府办依申复〔2025〕1号', 'a new year starts again at 1');
      // Given once: the state machine allows no second reply, so the number never changes.
      await assert.rejects(replyOn(first, '2024-07-05', office), { code: 'invalid_transition' });
      assert.equal(await numberOf(first), '长宁区府办依申复〔2024〕2号');
    });

    it('takes no number and keeps no file when the reply\'s transaction fails after numbering', async () => {
      const id = await open(archives.agencyId!, '2024-08-01');
      const before = (await database.db.query<{ last_number: number }>(sql`select last_number from disclosure_reply_numbers where agency_id = ${archives.agencyId} and year = 2024`))[0]!.last_number;
      // The event is written after the number and the file: make that write fail, once.
      await database.db.execScript(`
        create function refuse_reply_event() returns trigger language plpgsql as $$ begin raise exception 'event refused'; end $$;
        create trigger refuse_reply_event before insert on disclosure_events for each row when (new.action = 'reply') execute function refuse_reply_event();`);
      await assert.rejects(service.act(id, 'reply', { on: '2024-08-02', category: 'disclose', basis: '《条例》', attachment: asFile('a.pdf', pdfBytes), delivery: 'email' }, archives, '2024-08-02'));
      await database.db.execScript('drop trigger refuse_reply_event on disclosure_events; drop function refuse_reply_event();');
      const after = (await database.db.query<{ last_number: number }>(sql`select last_number from disclosure_reply_numbers where agency_id = ${archives.agencyId} and year = 2024`))[0]!.last_number;
      assert.equal(after, before, 'the counter rolled back with the reply');
      assert.equal((await database.db.query(sql`select 1 from disclosure_reply_files where request_id = ${id}`)).length, 0);
      await service.act(id, 'reply', { on: '2024-08-02', category: 'disclose', basis: '《条例》', attachment: asFile('a.pdf', pdfBytes), delivery: 'email' }, archives, '2024-08-02');
      assert.equal(await numberOf(id), `上海市长宁区档案局依申复〔2024〕${before + 1}号`);
    });

    it('gives concurrent replies of one agency different numbers', async () => {
      const ids = await Promise.all([1, 2, 3, 4].map(() => open(office.agencyId!, '2023-03-01')));
      await Promise.all(ids.map((id) => service.act(id, 'reply', { on: '2023-03-02', category: 'disclose', basis: '《条例》', content: '全文', delivery: 'in_person' }, office, '2023-03-02')));
      const numbers = await Promise.all(ids.map(numberOf));
      assert.deepEqual([...numbers].sort(), [1, 2, 3, 4].map((n) => `长宁区府办依申复〔2023〕${n}号`));
    });

    it('prints the number at the top, the content or its file, the way of delivery and a seal area, in HTML and PDF', async () => {
      const id = await open(office.agencyId!, '2024-09-02');
      await service.act(id, 'reply', { on: '2024-09-03', category: 'partial', basis: '《条例》第三十七条', content: '第一部分:项目批复', attachment: asFile('附图.pdf', pdfBytes), delivery: 'online' }, office, '2024-09-03');
      const letters = await service.notices(id, office);
      const letter = await service.notice(id, letters.find((n) => n.kind === 'reply')!.eventId, office);
      assert.match(letter.documentNumber ?? '', /^长宁区府办依申复〔2024〕\d+号$/);
      const text = letter.paragraphs.join('\n');
      assert.match(text, /部分公开。\n您申请获取的政府信息如下:\n第一部分:项目批复\n另有附件《附图.pdf》。\n您可凭查询码 YSQ[0-9A-Z]{12} 在本平台“查询办理进度”页面在线查看本答复书并下载附件。/);
      const page = String(noticeHtml(letter));
      assert.ok(page.indexOf(letter.documentNumber!) < page.indexOf('钱七'), 'the number comes before the addressee');
      assert.match(page, /<div class="seal-area">\s*<p class="signature">上海市长宁区人民政府办公室<br>2024年9月3日<\/p>\s*<div class="seal"[^>]*>\(印章\)<\/div>/);
      const pdf = await noticePdf(letter, loadConfig({}).font);
      const flat = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, '');
      for (const expected of [letter.documentNumber!, '第一部分:项目批复', '附图.pdf', '(印章)', '上海市长宁区人民政府办公室', '2024年9月3日']) assert.ok(flat.includes(expected), expected);
      assert.ok(flat.indexOf(letter.documentNumber!) < flat.indexOf('钱七'));
      // The other ways say how the information comes.
      for (const [delivery, said] of [['mail', '邮寄'], ['in_person', '当面领取'], ['email', '电子邮件']] as const) {
        const other = await open(office.agencyId!, '2024-09-02');
        await service.act(other, 'reply', { on: '2024-09-03', category: 'disclose', basis: '《条例》', content: '全文', delivery }, office, '2024-09-03');
        const event = (await service.notices(other, office)).find((n) => n.kind === 'reply')!;
        assert.match((await service.notice(other, event.eventId, office)).paragraphs.join(''), new RegExp(said));
      }
    });
  });
}
