import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { aClerk, anAgency } from '../support/factories.ts';
import { tempDir } from '../support/files.ts';

const policy = {
  title: '上海市长宁区人民政府办公室关于印发《长宁区政务公开工作规范》的通知',
  docNumber: '长府办发〔2026〕12号',
  signedOn: '2026-11-02',
  addressees: '各街道办事处、新泾镇政府,区政府各委、办、局',
  bodyText: '《长宁区政务公开工作规范》已经区政府同意,现印发给你们,请认真按照执行。\n长宁区政务公开工作规范\n第一条 (目的) 为规范政务公开工作,制定本规范。\n第二条 (施行日期) 本规范自2026年12月1日起施行,有效期至2031年11月30日。',
  policy: true,
};

for (const engine of engines) {
  describe(`publishing on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let clerk: PublishingActor;
    const files = tempDir();

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ FILES_DIR: join(files.path, 'published') }), { db: database.db, migrate: false });
      clerk = aClerk(await anAgency(database.db, { name: '上海市长宁区人民政府办公室' }));
    });
    after(async () => {
      await database.close();
      files.remove();
    });

    it('returns a submission without its attribute or its interpretation, with the reasons (退文)', async () => {
      const id = await context.publication.createDraft(policy, clerk, '2026-11-03');
      const first = await context.publication.submit(id, clerk, '2026-11-03');
      assert.equal(first.state, 'returned');
      assert.equal(first.reasons.length, 2);
      assert.match(first.reasons.join(), /未确定公开属性.*谁起草、谁解读/);
      await context.publication.updateDraft(id, { ...policy, attribute: 'not_public' }, clerk);
      const second = await context.publication.submit(id, clerk, '2026-11-03');
      assert.match(second.reasons.join(), /法定理由/);
      const audit = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'publication.return'`);
      assert.equal(audit[0]!.n, 2);
    });

    it('publishes a policy with its interpretation: both in the library, linked, on the portal; corrections are versions', async () => {
      const id = await context.publication.createDraft({ ...policy, attribute: 'proactive', interpretationText: '一、制定背景\n为规范政务公开工作,区政府办公室起草了本规范。\n二、主要内容\n本规范明确了目的和施行日期。' }, clerk, '2026-11-03');
      const listed = await context.publication.list(clerk, '2026-11-03');
      assert.equal(listed.find((p) => p.id === id)!.clock!.due, '2026-11-30', '20 working days from signing on 11/2');
      const result = await context.publication.submit(id, clerk, '2026-11-04');
      assert.equal(result.state, 'published');
      assert.equal(result.documentIds.length, 2);
      const [policyId, interpretationId] = result.documentIds;
      const links = await database.db.query<{ kind: string; target: number }>(sql`select kind, target_document_id as target from document_relations where document_id = ${interpretationId!}`);
      assert.ok(links.some((link) => link.target === policyId), 'the interpretation points at its policy');
      const app = buildServer(context);
      try {
        const page = await app.inject({ url: `/documents/${policyId}` });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /长府办发〔2026〕12号/);
        assert.match(page.body, /政策解读/);
        const found = (await app.inject({ url: '/api/search?q=长府办发〔2026〕12号' })).json() as { items: { id: number }[] };
        assert.equal(found.items[0]?.id, policyId);

        const version = await context.publication.correct(id, { bodyText: policy.bodyText.replace('制定本规范。', '制定本规范。(已更正)'), reason: '更正笔误' }, clerk, '2026-11-05');
        assert.equal(version, 2);
        const versions = await context.publication.versionsOfDocument(policyId!, `publication-${id}.txt`);
        assert.deepEqual(versions.map((v) => [v.version, v.reason]), [[1, '首次公开'], [2, '更正笔误']]);
        const ids = (await context.publication.list(clerk)).find((p) => p.id === id)!.documentIds;
        assert.equal(ids[0], policyId, 'a correction updates the same library document');
        const corrected = await app.inject({ url: `/documents/${policyId}` });
        assert.match(corrected.body, /已更正/);
        assert.match(corrected.body, /版本记录.*第 1 版:首次公开.*第 2 版:更正笔误/s);
      } finally {
        await app.close();
      }
      await assert.rejects(context.publication.updateDraft(id, policy, clerk), { code: 'invalid_transition' });

      // In force from 12/1, repealed on 12/4, marked the next working day: on time; the library counts it from 12/4.
      const clock = await context.publication.markInvalid(id, { kind: 'repealed', eventOn: '2026-12-04' }, clerk, '2026-12-07');
      assert.equal(clock.overdue, false);
      const on = (date: string) => context.search.search({ q: '长府办发〔2026〕12号', page: 1, pageSize: 5, sort: 'relevance', on: date, filters: {} });
      assert.equal((await on('2026-12-03')).items[0]?.validity, '现行有效');
      assert.equal((await on('2026-12-04')).items[0]?.validity, '已废止');
      const filtered = await context.search.search({ q: '长府办发〔2026〕12号', page: 1, pageSize: 5, sort: 'relevance', on: '2026-12-05', filters: { validity: '已废止' } });
      assert.equal(filtered.items[0]?.id, policyId, 'the search filter sees the mark too');
      await assert.rejects(context.publication.markInvalid(id, { kind: 'expired', eventOn: '2026-12-05' }, clerk, '2026-12-07'), { code: 'invalid_transition' });
    });

    it('queues last year\'s unpublished documents in January, non-public ones for review, and unpublished normative ones', async () => {
      const keep = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于内部考核安排的通知', docNumber: '长府办发〔2025〕30号', signedOn: '2025-06-02', policy: false, attribute: 'not_public', notPublicReason: '属于内部事务信息' }, clerk, '2025-06-03');
      await context.publication.submit(keep, clerk, '2025-06-03');
      const open = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于某项工作的通知', docNumber: '长府办发〔2025〕31号', signedOn: '2025-09-01', policy: false, attribute: 'not_public', notPublicReason: '属于过程性信息' }, clerk, '2025-09-02');
      await context.publication.submit(open, clerk, '2025-09-02');
      const normative = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于印发某规范性文件的通知', docNumber: '长府办发〔2026〕20号', normative: true }, clerk, '2026-11-03');

      const queues = await context.publication.queues(clerk, '2026-01-10');
      assert.deepEqual(queues.januarySelfCheck.map((p) => p.id).sort(), [keep, open].sort());
      assert.deepEqual(queues.periodicReview.map((p) => p.id), [], 'decided within the year');
      assert.ok(queues.notUsableAsBasis.some((p) => p.id === normative));
      const later = await context.publication.queues(clerk, '2026-12-01');
      assert.deepEqual(later.periodicReview.map((p) => p.id).sort(), [keep, open].sort());
      assert.ok(later.publishOverdue.some((p) => p.id === normative), 'signed 11/2, due 11/30');

      await context.publication.review(keep, { decision: 'keep', note: '仍属内部事务信息' }, clerk, '2026-01-12');
      assert.equal(await context.publication.review(open, { decision: 'publish', note: '过程已结束,可以公开' }, clerk, '2026-01-12'), 'published');
      const after = await context.publication.queues(clerk, '2026-01-20');
      assert.deepEqual(after.januarySelfCheck, []);
      const [published] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from documents where doc_number = '长府办发〔2025〕31号'`);
      assert.equal(published!.n, 1, 'converted to proactive disclosure and in the library');
      await assert.rejects(context.publication.review(keep, { decision: 'keep', note: '' }, clerk, '2026-01-12'), { code: 'validation_failed' });
    });

    it('records a mark of expiry made later than 20 working days after the event as late', async () => {
      const id = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于开展某项检查的通知', docNumber: '长府办发〔2026〕14号', policy: false, attribute: 'proactive' }, clerk, '2026-11-03');
      await context.publication.submit(id, clerk, '2026-11-03');
      const clock = await context.publication.markInvalid(id, { kind: 'expired', eventOn: '2026-11-04' }, clerk, '2026-12-10');
      assert.deepEqual([clock.due, clock.overdue], ['2026-12-02', true]);
      const [row] = await database.db.query<{ validity: string }>(sql`
        select case when coalesce(extended_to, effective_to) < '2026-11-04'::date then '已失效' else '现行有效' end as validity
        from documents where doc_number = '长府办发〔2026〕14号'`);
      assert.equal(row!.validity, '已失效');
    });

    it('files a document decided not to be disclosed proactively, and keeps it off the portal', async () => {
      const id = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于内部工作安排的通知', docNumber: '长府办发〔2026〕13号', policy: false, attribute: 'not_public', notPublicReason: '属于内部事务信息(《条例》第十六条)' }, clerk, '2026-11-03');
      const result = await context.publication.submit(id, clerk, '2026-11-03');
      assert.deepEqual([result.state, result.documentIds], ['filed', []]);
      const [row] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from documents where doc_number = '长府办发〔2026〕13号'`);
      assert.equal(row!.n, 0);
      await assert.rejects(context.publication.submit(id, { id: 'user:other', agencyId: clerk.agencyId! + 999 }, '2026-11-03'), { code: 'not_found' });
    });
  });
}
