import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/core/db/sql.ts';
import { contentDisposition, isInlineSafe, mediaTypeOf, readFile, sha256Of, storeFile } from '../../src/modules/files/index.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

for (const engine of engines) {
  describe(`the original-file store on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(async () => {
      await database.close();
    });

    it('keeps every byte, addressed by sha256, and stores the same content once', async () => {
      // Every byte value, NUL and invalid UTF-8 included: kept as received.
      const bytes = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256));
      const first = await database.db.transaction((tx) => storeFile(tx, { bytes, name: '附件1.pdf' }));
      assert.equal(first.sha256, sha256Of(bytes));
      assert.equal(first.mediaType, 'application/pdf');
      assert.equal(first.size, 512);
      const again = await database.db.transaction((tx) => storeFile(tx, { bytes: Buffer.from(bytes), name: '另一个名字.docx' }));
      assert.deepEqual(again, first, 'the same bytes under another name are the same stored file');
      const [rows] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from stored_files`);
      assert.equal(rows!.n, 1);
      const read = await readFile(database.db, first.sha256);
      assert.ok(read);
      assert.deepEqual(new Uint8Array(read.bytes), bytes);
      assert.equal(await readFile(database.db, '0'.repeat(64)), null);
    });

    it('refuses a file over the limit and an empty one, writing nothing', async () => {
      const big = new Uint8Array(2049).fill(65);
      await assert.rejects(
        database.db.transaction((tx) => storeFile(tx, { bytes: big, name: 'big.txt' }, { maxBytes: 2048 })),
        (error: { code: string; message: string }) => error.code === 'file_too_large' && /big\.txt.*超过上限 2\.0 KB/.test(error.message),
      );
      await assert.rejects(database.db.transaction((tx) => storeFile(tx, { bytes: new Uint8Array(0), name: 'empty.txt' })), { code: 'file_empty' });
      assert.equal(await readFile(database.db, sha256Of(big)), null);
      // At the limit is allowed.
      const ok = await database.db.transaction((tx) => storeFile(tx, { bytes: big.subarray(0, 2048), name: 'fits.txt' }, { maxBytes: 2048 }));
      assert.equal(ok.size, 2048);
    });

    it('rolls back with the transaction that stored it', async () => {
      const bytes = new TextEncoder().encode('不会留下的文件');
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await storeFile(tx, { bytes, name: 'gone.txt' });
          throw new Error('later step failed');
        }),
      );
      assert.equal(await readFile(database.db, sha256Of(bytes)), null);
    });
  });
}

describe('download names and types', () => {
  it('names a file in UTF-8 (RFC 5987) with an ASCII fallback, and never inlines HTML or SVG', () => {
    assert.equal(contentDisposition('附件1 "清单".pdf', true), `inline; filename="__1 ____.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B61%20%22%E6%B8%85%E5%8D%95%22.pdf`);
    assert.match(contentDisposition('../../etc/passwd', false), /^attachment; filename="passwd"/);
    assert.equal(mediaTypeOf('公报.TXT', 'GB18030'), 'text/plain; charset=gb18030');
    assert.equal(isInlineSafe('text/plain; charset=utf-8'), true);
    assert.equal(isInlineSafe(mediaTypeOf('page.html')), false);
    assert.equal(isInlineSafe(mediaTypeOf('logo.svg')), false);
    assert.equal(isInlineSafe(mediaTypeOf('x.exe')), false);
  });
});
