import type { StaffActor } from '../../src/core/auth/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { createClockService } from '../../src/core/clock/index.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createDisclosureService, type DisclosureService } from '../../src/modules/disclosure/index.ts';
import { noticeHtml, noticePdf } from '../../src/server/notice.render.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

describe('the notices of a request', () => {
  let database: TestDatabase;
  let service: DisclosureService;
  let clerk: StaffActor;
  let requestId: number;

  before(async () => {
    database = await openTestDatabase('pglite');
    clerk = { id: 'user:clerk', agencyId: await anAgency(database.db, { name: '上海市长宁区人民政府办公室' }) };
    service = createDisclosureService(database.db, createClockService(database.db, createCalendarService(database.db), deadlineRules));
    const request = {
      agencyId: clerk.agencyId,
      applicant: { type: 'natural_person', name: '赵六<b>', idNumber: '310101199001011234', phone: '13800000000' },
      description: '2023年旧区改造项目批复',
      deliveryForm: 'paper',
      deliveryWay: 'mail',
    };
    requestId = (await service.submit(request, { id: 'public' }, '2024-03-01')).id;
    await service.act(requestId, 'request_correction', { on: '2024-03-05', correctBy: '2024-03-20', what: '请说明项目所在街道' }, clerk, '2024-03-05');
    await service.act(requestId, 'receive_correction', { on: '2024-03-15' }, clerk, '2024-03-15');
    await service.act(requestId, 'extend', { on: '2024-04-10', days: 20, approver: '政务公开科负责人', reason: '需要调取档案' }, clerk, '2024-04-10');
    await service.act(requestId, 'reply', { on: '2024-05-06', category: 'unable', reason: 'not_held', basis: '《中华人民共和国政府信息公开条例》第三十六条第(四)项' }, clerk, '2024-05-06');
  });
  after(async () => {
    await database.close();
  });

  it('writes the receipt, the correction notice, the extension notice and the reply from the case, with their legal bases', async () => {
    const list = await service.notices(requestId, clerk);
    assert.deepEqual(list.map((n) => n.kind), ['receipt', 'correction', 'extension', 'reply']);
    const read = async (kind: string) => service.notice(requestId, list.find((n) => n.kind === kind)!.eventId, clerk);
    const receipt = await read('receipt');
    assert.equal(receipt.addressee, '赵六<b>:');
    assert.match(receipt.paragraphs.join(''), /2024年3月1日收到.*第三十三条.*2024年3月29日前/);
    assert.match((await read('correction')).paragraphs.join(''), /请说明项目所在街道.*第三十条.*2024年3月20日前补正/);
    // Restarted on 3/15: due 4/15; extended by 20 working days to 5/14 (worked by hand in workflow.test.ts).
    assert.match((await read('extension')).paragraphs.join(''), /需要调取档案.*第三十三条第二款.*延长20个工作日.*2024年5月14日前/);
    const reply = await read('reply');
    assert.match(reply.paragraphs.join(''), /无法提供。理由:本机关不掌握相关政府信息.*第三十六条.*行政复议/);
    assert.equal(reply.date, '2024年5月6日');
    assert.match(String(noticeHtml(reply)), /赵六&#60;b&#62;:/, 'escaped in HTML');
    const audit = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'disclosure.read_applicant'`);
    assert.equal(audit[0]!.n, 4, 'every read of the applicant is audited');
    await assert.rejects(service.notices(requestId, { id: 'user:x', agencyId: clerk.agencyId! + 1000 }), { code: 'not_found' });
  });

  it('prints a notice as a PDF in a Chinese font whose text can be read back', async () => {
    const list = await service.notices(requestId, clerk);
    const reply = await service.notice(requestId, list.at(-1)!.eventId, clerk);
    const pdf = await noticePdf(reply, loadConfig({}).font);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['政府信息公开申请答复书', '赵六<b>:', '本机关不掌握相关政府信息', '上海市长宁区人民政府办公室', '2024年5月6日']) assert.ok(flat.includes(expected), expected);
    await assert.rejects(noticePdf(reply, { path: '/nonexistent/font.ttc', face: 'x' }), { code: 'dependency_missing' });
  });
});
