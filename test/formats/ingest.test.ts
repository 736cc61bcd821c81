import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { runCli } from '../support/cli.ts';
import { testLimits } from '../support/corpus.ts';
import { count, engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { makeDocx, makeOfd } from '../support/formats.ts';

const notice = (agency: string, number: string, subject: string) => [
  `${agency}关于${subject}的通知`,
  number,
  '各区人民政府，市政府各部门：',
  `现就${subject}有关事项通知如下。`,
  '一、明确责任分工',
  '各区、各部门要明确责任分工。',
  agency,
  '2024年3月1日',
];

const traditional = ['國務院辦公廳關於測試事項的函', '國辦函〔2000〕19號', '各省人民政府：', '現將有關事項函告如下。', '國務院辦公廳', '2000年3月1日'].join('\n');

for (const engine of engines) {
  describe(`ingesting a directory of mixed formats on ${engine} (issue 13)`, () => {
    let database: TestDatabase;
    const dir = tempDir();
    before(async () => {
      database = await openTestDatabase(engine);
      dir.write('a-notice.docx', makeDocx(notice('测试市人民政府', '测府发〔2024〕11号', '加强档案管理')));
      dir.write('b-notice.ofd', makeOfd([notice('测试市人民政府', '测府发〔2024〕12号', '做好防汛准备')]));
      dir.write('c-notice.pdf', readFileSync(new URL('../fixtures/formats/notice.pdf', import.meta.url)));
      dir.write('d-letter.txt', traditional);
      dir.write('e-bomb.docx', zipSync({ 'word/document.xml': [new Uint8Array(8 * 1024 * 1024).fill(0x20), { level: 9 }] }));
      dir.write('f-archive.docx', zipSync({ 'notes.txt': strToU8('not a document') }));
      dir.write('g-picture.pdf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    });
    after(async () => {
      await database.close();
      dir.remove();
    });

    it('stores every readable file, refuses each bad one by name, and stores nothing of the refused', async () => {
      const ingest = createIngestService(database.db, { ...testLimits, maxUnzippedBytes: 1024 * 1024 });
      const summary = await ingest.ingest([dir.path]);
      assert.equal(summary.files, 7);
      const failed = summary.outcomes.filter((outcome) => outcome.status === 'failed');
      assert.deepEqual(failed.map((outcome) => [outcome.path.split('/').pop(), outcome.error?.code]), [
        ['e-bomb.docx', 'file_too_large'],
        ['f-archive.docx', 'file_format_unsupported'],
        ['g-picture.pdf', 'file_corrupt'],
      ]);
      for (const outcome of failed) assert.ok(outcome.error!.message.includes(outcome.path), outcome.error!.message);
      assert.equal(summary.added, 4);
      assert.equal(await count(database.db, 'source_files'), 4);
      const numbers = await database.db.query<{ doc_number: string }>(sql`select doc_number from documents order by doc_number`);
      assert.deepEqual(numbers.map((row) => row.doc_number), ['测府发〔2024〕3号', '國辦函〔2000〕19號', '测府发〔2024〕11号', '测府发〔2024〕12号'].sort());
    });

    it('keeps each original with the media type of what it is', async () => {
      const types = await database.db.query<{ media_type: string }>(sql`select media_type from stored_files order by media_type`);
      const bases = types.map((row) => row.media_type.split(';')[0]);
      for (const expected of ['application/pdf', 'application/ofd', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain']) {
        assert.ok(bases.includes(expected), `${expected} in ${bases.join(', ')}`);
      }
    });

    it('stores a traditional number as printed and finds it by its simplified form', async () => {
      const [row] = await database.db.query<{ doc_number: string; doc_number_prefix: string }>(
        sql`select d.doc_number, e.doc_number_prefix from documents d join search_entries e on e.document_id = d.id where d.doc_number like ${'國%'}`,
      );
      assert.deepEqual(row, { doc_number: '國辦函〔2000〕19號', doc_number_prefix: '国办函' });
      const found = await database.db.query(sql`select document_id from search_entries where search_vector @@ ${"'文号:国办函2000-19'"}::tsquery`);
      assert.equal(found.length, 1);
    });
  });
}

describe('gongkai parse of any format', () => {
  it('prints "format" with the fixed contract', () => {
    const dir = tempDir();
    try {
      const file = dir.write('notice.bin', makeDocx(notice('测试市人民政府', '测府发〔2024〕11号', '加强档案管理')));
      const result = runCli(['parse', file, '--json'], { DATA_DIR: join(dir.path, 'data') });
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as { format: string; documents: Record<string, unknown>[] };
      assert.equal(output.format, 'docx');
      assert.deepEqual(Object.keys(output.documents[0]!).slice(0, 5), ['title', 'docNumber', 'issuer', 'date', 'type']);
      assert.equal(output.documents[0]!.docNumber, '测府发〔2024〕11号');
    } finally {
      dir.remove();
    }
  });
});
