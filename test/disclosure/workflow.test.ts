import type { StaffActor } from '../../src/core/auth/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { createClockService } from '../../src/core/clock/index.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createDisclosureService, type DisclosureService } from '../../src/modules/disclosure/index.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

/** A valid online request from a natural person to the given agency; override what a test needs. */
function aRequest(agencyId: number, overrides: Record<string, unknown> = {}) {
  return {
    agencyId,
    applicant: { type: 'natural_person', name: '张三', idNumber: '310101199001011234', phone: '13800000000', address: '上海市长宁区某路1号' },
    description: '2023年本区旧住房改造项目的批复文件',
    deliveryForm: 'paper',
    deliveryWay: 'mail',
    ...overrides,
  };
}

for (const engine of engines) {
  describe(`disclosure requests on ${engine}`, () => {
    let database: TestDatabase;
    let service: DisclosureService;
    let clerk: StaffActor;
    let otherClerk: StaffActor;
    const supervisor: StaffActor = { id: 'user:supervisor', agencyId: null };
    const publicActor = { id: 'public', address: '203.0.113.9' };

    before(async () => {
      database = await openTestDatabase(engine);
      clerk = { id: 'user:clerk', agencyId: await anAgency(database.db, { name: '上海市长宁区人民政府办公室', shortName: '区府办' }) };
      otherClerk = { id: 'user:other', agencyId: await anAgency(database.db, { name: '上海市长宁区财政局', shortName: '区财政局' }) };
      const calendar = createCalendarService(database.db);
      service = createDisclosureService(database.db, createClockService(database.db, calendar, deadlineRules));
    });
    after(async () => {
      await database.close();
    });

    const stateOf = async (id: number) =>
      (await database.db.query<{ state: string; due_on: string | null }>(sql`
        select r.state, c.due_on from disclosure_requests r join clocks c on c.subject_id = r.id and c.subject_type = 'disclosure_request' and c.purpose = 'reply'
        where r.id = ${id}`))[0]!;

    it('takes a request online, gives a tracking code and a due date 20 working days on, and shows no personal data to the tracker', async () => {
      const receipt = await service.submit(aRequest(clerk.agencyId!), publicActor, '2024-02-08');
      assert.match(receipt.trackingCode, /^YSQ[0-9A-Z]{12}$/);
      assert.deepEqual([receipt.receivedOn, receipt.dueOn, receipt.estimated], ['2024-02-08', '2024-03-13', false]);
      const tracking = await service.track(receipt.trackingCode.toLowerCase());
      assert.equal(tracking?.state, '已收到,办理中');
      const shown = JSON.stringify(tracking);
      for (const secret of ['张三', '310101199001011234', '13800000000', '某路', '旧住房改造']) assert.ok(!shown.includes(secret), secret);
      assert.equal(await service.track('YSQ000000000000'), null);
      assert.equal(await service.track("' or 1=1 --"), null);
    });

    it('refuses a bad submission with every problem listed, and stores nothing', async () => {
      const before = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from disclosure_requests`))[0]!.n;
      const attempts: unknown[] = [
        {},
        aRequest(clerk.agencyId!, { description: '' }),
        aRequest(clerk.agencyId!, { description: '查'.repeat(5001) }),
        aRequest(clerk.agencyId!, { applicant: { type: 'natural_person', name: '<script>alert(1)</script>' } }),
        aRequest(clerk.agencyId!, { applicant: { type: 'commercial', name: '某公司', phone: '021-12345678' } }),
        aRequest(999_999),
        aRequest(clerk.agencyId!, { deliveryWay: 'pigeon' }),
      ];
      for (const attempt of attempts) await assert.rejects(service.submit(attempt, publicActor, '2024-02-08'), { code: 'validation_failed' });
      await assert.rejects(service.submit({}, publicActor), (error: { details: { problems: unknown[] } }) => error.details.problems.length >= 4);
      const afterwards = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from disclosure_requests`))[0]!.n;
      assert.equal(afterwards, before);
    });

    it('corrects once, restarts the clock on the corrected request, and extends once', async () => {
      const { id } = await service.submit(aRequest(clerk.agencyId!), publicActor, '2024-03-01');
      assert.equal(await service.act(id, 'request_correction', { on: '2024-03-05', correctBy: '2024-03-20', what: '请明确所需文件的年份' }, clerk, '2024-03-05'), 'correction_requested');
      assert.equal((await stateOf(id)).due_on, null, 'paused while waiting for the correction');
      await assert.rejects(service.act(id, 'reply', { on: '2024-03-06', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerk, '2024-03-06'), { code: 'invalid_transition' });
      assert.equal(await service.act(id, 'receive_correction', { on: '2024-03-15' }, clerk, '2024-03-15'), 'received');
      // Restarted on 3/15: Qingming 4/4-6 off, Sunday 4/7 counts; day 20 is 4/15.
      assert.equal((await stateOf(id)).due_on, '2024-04-15');
      await assert.rejects(service.act(id, 'request_correction', { on: '2024-03-18', correctBy: '2024-03-30', what: '再补' }, clerk, '2024-03-18'), { code: 'invalid_transition' });
      await service.act(id, 'extend', { on: '2024-04-10', days: 20, approver: '区府办政务公开科负责人', reason: '涉及多个部门' }, clerk, '2024-04-10');
      // 20 more: 4/16-26 (29), make-up Sunday 4/28 (30), 4/29-30, Labour Day 5/1-5 off, 5/6-10, make-up Saturday 5/11 (38), 5/13, 5/14.
      assert.equal((await stateOf(id)).due_on, '2024-05-14');
      await assert.rejects(service.act(id, 'extend', { on: '2024-04-11', days: 5, approver: '负责人', reason: '再延' }, clerk, '2024-04-11'), { code: 'invalid_transition' });
      await assert.rejects(service.act(id, 'extend', { on: '2024-04-11', days: 21, approver: '负责人', reason: '再延' }, clerk, '2024-04-11'), { code: 'validation_failed' });
    });

    it('pauses for consultations, lets a co-producer\'s silence count as consent only after 15 working days, and replies', async () => {
      const { id } = await service.submit(aRequest(clerk.agencyId!), publicActor, '2024-09-02');
      await service.act(id, 'consult', { on: '2024-09-06', kind: 'third_party', party: '某科技有限公司' }, clerk, '2024-09-06');
      await service.act(id, 'consult', { on: '2024-09-10', kind: 'co_producer', party: '区财政局' }, clerk, '2024-09-10');
      const [third, coProducer] = await database.db.query<{ id: number; due_on: string }>(sql`select id, due_on from disclosure_consultations where request_id = ${id} order by id`);
      assert.equal(coProducer!.due_on, '2024-10-08', '15 working days from 9/10 across National Day');
      await assert.rejects(service.act(id, 'reply', { on: '2024-09-12', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerk, '2024-09-12'), { code: 'invalid_transition' });
      await assert.rejects(service.act(id, 'answer_consultation', { on: '2024-09-20', consultationId: coProducer!.id, answer: 'silence' }, clerk, '2024-09-20'), { code: 'invalid_transition' });
      await service.act(id, 'answer_consultation', { on: '2024-09-20', consultationId: third!.id, answer: 'objection' }, clerk, '2024-09-20');
      assert.equal((await stateOf(id)).due_on, null, 'still paused by the co-producer');
      await service.act(id, 'answer_consultation', { on: '2024-10-09', consultationId: coProducer!.id, answer: 'silence' }, clerk, '2024-10-09');
      assert.ok((await stateOf(id)).due_on! > '2024-10-09');
      await assert.rejects(service.act(id, 'reply', { on: '2024-10-10', category: 'refuse', basis: '第十五条' }, clerk, '2024-10-10'), { code: 'validation_failed' }, 'a refusal names its reason');
      assert.equal(await service.act(id, 'reply', { on: '2024-10-10', category: 'refuse', reason: 'third_party_rights', basis: '《条例》第十五条' }, clerk, '2024-10-10'), 'replied');
      assert.equal(await service.act(id, 'deliver', { on: '2024-10-11', way: 'mail' }, clerk, '2024-10-11'), 'delivered');
      assert.equal(await service.act(id, 'close', { on: '2024-10-11' }, clerk, '2024-10-11'), 'closed');
      await service.act(id, 'record_review', { on: '2024-12-01', kind: 'reconsideration', outcome: 'upheld' }, clerk, '2024-12-01');
      const clock = await service.clock(id, supervisor, '2024-12-01');
      assert.deepEqual([clock?.status, clock?.overdue], ['stopped', false]);
      const steps = (await service.track((await database.db.query<{ tracking_code: string }>(sql`select tracking_code from disclosure_requests where id = ${id}`))[0]!.tracking_code))!.steps;
      assert.deepEqual(steps.map((s) => s.note).slice(-3), ['已答复:不予公开', '答复已送达', '已办结']);
    });

    it('charges per item from the eleventh request of the month, and lets an unpaid fee close the request', async () => {
      const key = { type: 'commercial', name: '某咨询公司', organisationCode: '91310000MA1XXXXX1P', phone: '021-12345678' };
      const ids: number[] = [];
      for (let i = 0; i < 11; i++) ids.push((await service.submit(aRequest(clerk.agencyId!, { applicant: key }), publicActor, '2025-03-03')).id);
      await assert.rejects(service.act(ids[9]!, 'send_fee_notice', { on: '2025-03-04', mode: 'per_item' }, clerk, '2025-03-04'), { code: 'validation_failed' }, 'the tenth is free');
      assert.equal(await service.act(ids[10]!, 'send_fee_notice', { on: '2025-03-04', mode: 'per_item' }, clerk, '2025-03-04'), 'awaiting_fee');
      const [row] = await database.db.query<{ fee_amount: number }>(sql`select fee_amount from disclosure_requests where id = ${ids[10]!}`);
      assert.equal(row!.fee_amount, 100);
      assert.equal(await service.act(ids[10]!, 'lapse_fee', { on: '2025-04-10' }, clerk, '2025-04-10'), 'closed');
      await service.act(ids[9]!, 'send_fee_notice', { on: '2025-03-04', mode: 'per_volume', pages: 101 }, clerk, '2025-03-04');
      assert.equal((await database.db.query<{ fee_amount: number }>(sql`select fee_amount from disclosure_requests where id = ${ids[9]!}`))[0]!.fee_amount, 720);
      const file = await service.caseFile(ids[0]!, clerk, '2025-03-04');
      assert.equal(file.otherRequests.length, 10, 'the same applicant\'s requests are seen together');
      const supervised = await service.caseFile(ids[0]!, supervisor, '2025-03-04');
      assert.deepEqual([supervised.applicant, supervised.otherRequests], [null, []], 'a supervisor does not see the applicant');
    });

    it('lets only the handling agency act: another agency sees nothing, a supervisor may look but not act', async () => {
      const { id } = await service.submit(aRequest(clerk.agencyId!), publicActor, '2025-03-03');
      await assert.rejects(service.act(id, 'reply', { on: '2025-03-04', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, otherClerk, '2025-03-04'), { code: 'not_found' });
      await assert.rejects(service.clock(id, otherClerk, '2025-03-04'), { code: 'not_found' });
      await assert.rejects(service.act(id, 'reply', { on: '2025-03-04', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, supervisor, '2025-03-04'), { code: 'forbidden' });
      assert.ok(await service.clock(id, supervisor, '2025-03-04'));
      await assert.rejects(service.act(id, 'deliver', { on: '2025-03-04', way: 'mail' }, clerk, '2025-03-04'), { code: 'invalid_transition' });
      await assert.rejects(service.act(id, 'reply', { on: '2025-03-09', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerk, '2025-03-04'), { code: 'validation_failed' }, 'not in the future');
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'disclosure_request' and subject_id = ${String(id)}`);
      assert.deepEqual(audit.map((a) => a.action), ['disclosure.submit']);
    });

    it('shows each agency its deadlines, most urgent first, and supervisors every agency', async () => {
      const agencyId = await anAgency(database.db, { name: '上海市长宁区民政局' });
      const mine: StaffActor = { id: 'user:civil', agencyId };
      const overdue = await service.submit(aRequest(agencyId), publicActor, '2025-03-03'); // due 3/31
      const dueToday = await service.submit(aRequest(agencyId), publicActor, '2025-03-04'); // due 4/1
      const paused = await service.submit(aRequest(agencyId), publicActor, '2025-03-25');
      await service.act(paused.id, 'consult', { on: '2025-03-26', kind: 'third_party', party: '某公司' }, mine, '2025-03-26');
      const board = await service.deadlines(mine, '2025-04-01');
      assert.equal(board.soon, '2025-04-07', 'Qingming 4/4 is off');
      assert.deepEqual(board.counts, { open: 3, overdue: 1, dueSoon: 1, paused: 1, registeredLate: 0 });
      assert.deepEqual(board.items.map((item) => item.id), [overdue.id, dueToday.id, paused.id]);
      assert.deepEqual((await service.deadlines(otherClerk, '2025-04-01')).items.filter((item) => item.agencyName === '上海市长宁区民政局'), []);
      const overview = await service.deadlinesByAgency(supervisor, '2025-04-01');
      assert.deepEqual(overview.find((row) => row.agencyId === agencyId), { agencyId, agencyName: '上海市长宁区民政局', open: 3, overdue: 1, dueSoon: 1 });
      await assert.rejects(service.deadlinesByAgency(mine, '2025-04-01'), { code: 'forbidden' });
      // The supervisor's board in one pass says what the two views say.
      const whole = await service.supervisorDeadlines(supervisor, '2025-04-01');
      const separately = await service.deadlines(supervisor, '2025-04-01');
      assert.deepEqual({ counts: whole.counts, items: whole.items, soon: whole.soon }, { counts: separately.counts, items: separately.items, soon: separately.soon });
      assert.deepEqual(whole.agencies, await service.deadlinesByAgency(supervisor, '2025-04-01'));
      assert.ok(whole.counts.paused >= 1 && whole.counts.open >= 3);
      await assert.rejects(service.supervisorDeadlines(mine, '2025-04-01'), { code: 'forbidden' });
    });

    it('counts on the supervisor\'s board exactly the open requests, however the others closed, and those registered late', async () => {
      const agencyId = await anAgency(database.db, { name: '上海市长宁区体育局' });
      const mine: StaffActor = { id: 'user:sport', agencyId };
      const submitted = async () => (await service.submit(aRequest(agencyId), publicActor, '2025-06-03')).id;
      await submitted();
      const replied = await submitted();
      await service.act(replied, 'reply', { on: '2025-06-04', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '《条例》第三十六条第一项' }, mine, '2025-06-04');
      const lapsedCorrection = await submitted();
      await service.act(lapsedCorrection, 'request_correction', { on: '2025-06-04', correctBy: '2025-06-18', what: '请明确' }, mine, '2025-06-04');
      await service.act(lapsedCorrection, 'lapse_correction', { on: '2025-06-19' }, mine, '2025-06-19');
      const lapsedFee = await submitted();
      await service.act(lapsedFee, 'send_fee_notice', { on: '2025-06-04', mode: 'per_volume', pages: 101 }, mine, '2025-06-04');
      await service.act(lapsedFee, 'lapse_fee', { on: '2025-07-10' }, mine, '2025-07-10');
      const waitingCorrection = await submitted();
      await service.act(waitingCorrection, 'request_correction', { on: '2025-06-04', correctBy: '2025-06-18', what: '请明确' }, mine, '2025-06-04');
      const letter = { ...aRequest(agencyId), channel: 'mail_signed', submittedOn: '2025-06-03', signedOn: '2025-06-04' };
      await service.register(letter, mine, '2025-06-20');

      const row = (await service.supervisorDeadlines(supervisor, '2025-06-20')).agencies.find((agency) => agency.agencyId === agencyId);
      assert.deepEqual(row, { agencyId, agencyName: '上海市长宁区体育局', open: 3, overdue: 0, dueSoon: 0 }, 'one received, one awaiting correction, one registered late');
      const own = await service.deadlines(mine, '2025-06-20');
      assert.deepEqual([own.counts.open, own.counts.paused, own.counts.registeredLate], [3, 1, 1], 'the clerk\'s view, from the requests\' states, agrees');
      const [late] = await database.db.query<{ registered_late: number }>(sql`
        select count(*)::int as registered_late from disclosure_requests where agency_id = ${agencyId} and registered_late`);
      assert.equal(late!.registered_late, 1);
      const totals = (await service.supervisorDeadlines(supervisor, '2025-06-20')).counts;
      assert.equal(totals.registeredLate, (await service.deadlines(supervisor, '2025-06-20')).counts.registeredLate, 'late registrations summed across agencies as the single pass counts them');
    });

    it('finds requests again by tracking code, state and date received, closed ones included, within the agency', async () => {
      const agencyId = await anAgency(database.db, { name: '上海市长宁区档案局' });
      const mine: StaffActor = { id: 'user:archives', agencyId };
      const early = await service.submit(aRequest(agencyId), publicActor, '2025-05-06');
      const later = await service.submit(aRequest(agencyId), publicActor, '2025-06-03');
      await service.act(early.id, 'reply', { on: '2025-05-08', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '《条例》第三十六条第一项' }, mine, '2025-05-08');
      await service.act(early.id, 'deliver', { on: '2025-05-09', way: 'mail' }, mine, '2025-05-09');
      await service.act(early.id, 'close', { on: '2025-05-12' }, mine, '2025-05-12');

      const ids = async (input: Record<string, unknown>, actor = mine) => (await service.find(input, actor)).map((item) => item.id);
      assert.deepEqual(await ids({}), [later.id, early.id], 'newest first, closed included');
      const code = (await service.find({}, mine)).find((item) => item.id === early.id)!.trackingCode;
      assert.deepEqual(await ids({ code: ` ${code.slice(0, 9).toLowerCase()} ` }), [early.id], 'a beginning of the code, as typed');
      assert.deepEqual(await ids({ code: "%' or 1=1 --" }), [], 'not a pattern');
      assert.deepEqual(await ids({ state: 'closed' }), [early.id]);
      assert.deepEqual(await ids({ from: '2025-06-01', to: '' }), [later.id]);
      assert.deepEqual(await ids({ before: String(later.id) }), [early.id]);
      assert.ok(!(await service.find({}, otherClerk)).some((item) => item.agencyName === '上海市长宁区档案局'), 'another agency finds none of them');
      assert.ok((await ids({ code }, supervisor)).includes(early.id), 'a supervisor finds any');
      await assert.rejects(service.find({ from: '2025-02-30' }, mine), { code: 'validation_failed' });
      await assert.rejects(service.find({ state: 'lost' }, mine), { code: 'validation_failed' });
    });

    it('applies a changed rule to requests received after the change, not before', async () => {
      const clocks = createClockService(database.db, createCalendarService(database.db), deadlineRules);
      const before = await service.submit(aRequest(clerk.agencyId!), publicActor, '2024-02-08');
      await clocks.setRule('disclosure.reply', { limit: 15, source: '假设的新规定(测试)' }, { id: 'user:admin' });
      await assert.rejects(clocks.setRule('disclosure.reply', { limit: 15, source: ' ' }, { id: 'user:admin' }), { code: 'validation_failed' });
      try {
        const after = await service.submit(aRequest(clerk.agencyId!), publicActor, '2024-02-08');
        assert.deepEqual([before.dueOn, after.dueOn], ['2024-03-13', '2024-03-06']);
        await clocks.refreshCaches('2024-02-08');
        assert.equal((await stateOf(before.id)).due_on, '2024-03-13', 'a refresh keeps the terms a clock started with');
        const audit = await database.db.query<{ before: { limit: number } }>(sql`select before from audit_events where action = 'deadline_rule.change'`);
        assert.equal(audit[0]!.before.limit, 20);
      } finally {
        await clocks.setRule('disclosure.reply', { limit: 20, source: '《中华人民共和国政府信息公开条例》第三十三条第二款' }, { id: 'user:admin' });
      }
    });

    it('moves a due date estimated into an unloaded year once that year\'s notice is loaded', async () => {
      const { id, dueOn, estimated } = await service.submit(aRequest(clerk.agencyId!), publicActor, '2026-12-18');
      // 12/21-31 give 9 working days; January 2027 by weekends alone gives day 20 on 1/15.
      assert.deepEqual([dueOn, estimated], ['2027-01-15', true]);
      const calendar = createCalendarService(database.db);
      const clocks = createClockService(database.db, calendar, deadlineRules);
      await calendar.loadYear({ year: 2027, source: '国办发明电〔2026〕1号(测试)', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-04', kind: 'holiday', name: '元旦' }] }, { id: 'user:admin' });
      assert.ok((await clocks.refreshCaches('2026-12-18')) >= 1);
      const row = (await database.db.query<{ due_on: string; estimated: boolean }>(sql`
        select due_on, estimated from clocks where subject_type = 'disclosure_request' and subject_id = ${id} and purpose = 'reply'`))[0]!;
      assert.deepEqual([row.due_on, row.estimated], ['2027-01-19', false], 'two holidays more: 1/19');
      await database.db.query(sql`delete from calendar_years where year = 2027`);
      await clocks.refreshCaches('2026-12-18');
    });

    it('registers an offline request on its date of receipt by channel, and flags one entered late', async () => {
      const letter = { ...aRequest(clerk.agencyId!), channel: 'mail_signed', submittedOn: '2024-09-23', signedOn: '2024-09-25' };
      const onTime = await service.register(letter, clerk, '2024-09-27');
      assert.equal(onTime.receivedOn, '2024-09-25');
      const late = await service.register(letter, clerk, '2024-10-09');
      const flags = await database.db.query<{ registered_late: boolean }>(sql`select registered_late from disclosure_requests where id in (${onTime.id}, ${late.id}) order by id`);
      assert.deepEqual(flags.map((f) => f.registered_late), [false, true], '9/25 + 2 working days is 9/27; 10/9 is later');
      await assert.rejects(service.register({ ...letter, signedOn: undefined }, clerk, '2024-09-27'), { code: 'validation_failed' });
      await assert.rejects(service.register(letter, otherClerk, '2024-09-27'), { code: 'forbidden' });
    });
  });
}
