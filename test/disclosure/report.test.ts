import type { StaffActor } from '../../src/core/auth/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { createClockService } from '../../src/core/clock/index.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createDisclosureService, reportCsv, type AnnualReport, type DisclosureService } from '../../src/modules/disclosure/index.ts';
import { random } from '../support/vary.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const applicants = {
  natural_person: { type: 'natural_person', name: '某人', idNumber: '310101199001011234', phone: '13800000000' },
  commercial: { type: 'commercial', name: '某公司', organisationCode: '91310000MA1XXXXX1P', phone: '021-12345678' },
  legal_service: { type: 'legal_service', name: '某律所', organisationCode: '31310000MD0123456H', email: 'a@example.cn' },
} as const;

const row = (report: AnnualReport, label: string) => report.requests.find((r) => r.label.includes(label))!.cells;

for (const engine of engines) {
  describe(`the annual report tables on ${engine}`, () => {
    let database: TestDatabase;
    let service: DisclosureService;
    let clerk: StaffActor;

    before(async () => {
      database = await openTestDatabase(engine);
      clerk = { id: 'user:clerk', agencyId: await anAgency(database.db, { name: '上海市长宁区人民政府办公室' }) };
      service = createDisclosureService(database.db, createClockService(database.db, createCalendarService(database.db), deadlineRules));
    });
    after(async () => {
      await database.close();
    });

    const submit = async (type: keyof typeof applicants, on: string) =>
      (await service.submit({ agencyId: clerk.agencyId, applicant: applicants[type], description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' }, on)).id;

    it('counts new, carried over, outcomes by category and reason, and carried forward, by applicant type', async () => {
      // Carried over from 2023 and answered in 2024; new in 2024 and answered; new and still open at the year's end.
      const old = await submit('natural_person', '2023-12-20');
      await service.act(old, 'reply', { on: '2024-01-10', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerk, '2024-01-10');
      const refused = await submit('commercial', '2024-03-04');
      await service.act(refused, 'reply', { on: '2024-03-20', category: 'refuse', reason: 'state_secret', basis: '第十四条' }, clerk, '2024-03-20');
      const lapsed = await submit('legal_service', '2024-05-06');
      await service.act(lapsed, 'request_correction', { on: '2024-05-07', correctBy: '2024-05-20', what: '请明确' }, clerk, '2024-05-07');
      await service.act(lapsed, 'lapse_correction', { on: '2024-05-21' }, clerk, '2024-05-21');
      await submit('natural_person', '2024-12-25');
      await service.act(refused, 'record_review', { on: '2024-06-01', kind: 'reconsideration', outcome: 'upheld' }, clerk, '2024-06-01');
      await service.act(refused, 'record_review', { on: '2024-09-01', kind: 'litigation', outcome: 'pending' }, clerk, '2024-09-01');

      const report = await service.annualReport(2024, clerk.agencyId!);
      //                                          自然人 商业 科研 公益 法律 其他 总计
      assert.deepEqual(row(report, '本年新收'), [1, 1, 0, 0, 1, 0, 3]);
      assert.deepEqual(row(report, '上年结转'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(row(report, '(一)予以公开'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(row(report, '属于国家秘密'), [0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(row(report, '(三)不予公开'), [0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(row(report, '逾期不补正'), [0, 0, 0, 0, 1, 0, 1]);
      assert.deepEqual(row(report, '(七)总计'), [1, 1, 0, 0, 1, 0, 3]);
      assert.deepEqual(row(report, '结转下年度'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(report.reviews.rows.map((r) => r.cells), [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 1, 1]]);
      const csv = reportCsv(report);
      assert.ok(csv.startsWith('\ufeff'));
      assert.match(csv, /一、本年新收政府信息公开申请数量,1,1,0,0,1,0,3\r\n/);
      assert.deepEqual(row(await service.annualReport(2023), '结转下年度'), [1, 0, 0, 0, 0, 0, 1]);
    });

    it('balances on generated years of requests: new + carried over = handled + carried forward, per column', async () => {
      const rand = random(41);
      const categories: [string, string | undefined][] = [['disclose', undefined], ['partial', undefined], ['unable', 'not_held'], ['not_handled', 'repeated'], ['refuse', 'process_information']];
      const types = Object.keys(applicants) as (keyof typeof applicants)[];
      for (let i = 0; i < 40; i++) {
        const received = new Date(Date.UTC(2023, 0, 2) + Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
        const id = await submit(types[Math.floor(rand() * types.length)]!, received);
        if (rand() < 0.75) {
          const replied = new Date(Date.parse(received) + Math.floor(1 + rand() * 40) * 86_400_000).toISOString().slice(0, 10);
          const [category, reason] = categories[Math.floor(rand() * categories.length)]!;
          const given = category === 'disclose' || category === 'partial' ? { content: '所申请的信息。', delivery: 'mail' } : {};
          await service.act(id, 'reply', { on: replied, category, reason, basis: '《条例》', ...given }, clerk, replied);
        }
      }
      for (const year of [2023, 2024, 2025]) {
        const report = await service.annualReport(year);
        for (let column = 0; column < 7; column++) {
          assert.equal(row(report, '本年新收')[column]! + row(report, '上年结转')[column]!, row(report, '(七)总计')[column]! + row(report, '结转下年度')[column]!, `${year} column ${column}`);
        }
        if (year > 2023) assert.deepEqual(row(report, '上年结转'), row(await service.annualReport(year - 1), '结转下年度'), `${year} carries over what ${year - 1} carried forward`);
      }
    });
  });
}
