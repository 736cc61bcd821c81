import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { AppError } from '../../src/core/errors.ts';
import { openPglite } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrator.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { parseBytes } from '../../src/modules/gazette/index.ts';
import { readSeed, seedStartingWith, testLimits } from '../support/corpus.ts';
import { tempDir } from '../support/files.ts';

function refusal(bytes: Uint8Array, limits = testLimits): AppError {
  try {
    parseBytes(bytes, { fileName: 'bad.txt', limits });
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${error}`);
    assert.match(error.message, /^bad\.txt: /, 'the message names the file');
    return error;
  }
  assert.fail('the file was accepted');
}

const seed003 = () => readSeed(seedStartingWith('003'));
const titles = (bytes: Uint8Array) => parseBytes(bytes, { fileName: 'x', limits: testLimits }).documents.map((d) => d.title);

describe('bad input is refused with a clear reason', () => {
  it('an empty file, and one of only blank lines', () => {
    assert.equal(refusal(new Uint8Array()).code, 'file_empty');
    assert.equal(refusal(Buffer.from('  \n\n \t\n')).code, 'file_empty');
  });

  it('a binary file', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 0), Buffer.from([1, 2, 3, 250])]);
    assert.equal(refusal(png).code, 'file_binary');
    const controls = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 3 : 65)));
    assert.equal(refusal(controls).code, 'file_binary');
  });

  it('a file over the size limit', () => {
    const error = refusal(seed003(), { ...testLimits, maxFileBytes: 1024 });
    assert.equal(error.code, 'file_too_large');
  });

  it('a 5 MB single line', () => {
    const error = refusal(Buffer.from(`标题\n${'政'.repeat(5_000_000)}\n`));
    assert.equal(error.code, 'line_too_long');
    assert.match(error.message, /第 2 行/);
  });

  it('invalid UTF-8 inside the text, naming the line', () => {
    const bytes = Buffer.from(seed003());
    const at = bytes.indexOf(Buffer.from('第十八条'));
    bytes[at + 1] = 0xff;
    const error = refusal(bytes);
    assert.equal(error.code, 'encoding_invalid');
    assert.match(error.message, /第 \d+ 行/);
  });

  it('a file cut off inside a character, between documents, or after a title', () => {
    const bytes = seed003();
    assert.equal(refusal(bytes.subarray(0, bytes.indexOf(Buffer.from('行政协助')) + 2)).code, 'file_truncated');
    const text = bytes.toString('utf8');
    assert.equal(refusal(Buffer.from(text.slice(0, text.indexOf('上海市人民政府办公厅关于印发 市长副市长工作分工的通知')))).code, 'file_truncated');
    const headerOnly = text.slice(0, text.indexOf('沪府办发〔2017〕33 号') + '沪府办发〔2017〕33 号'.length);
    assert.equal(refusal(Buffer.from(headerOnly)).code, 'file_truncated');
  });
});

describe('other encodings are detected and read like UTF-8', () => {
  const utf8 = seed003();
  const expected = titles(utf8);

  it('GB18030 / GBK', () => {
    const gbk = iconv.encode(utf8.toString('utf8'), 'gbk');
    assert.equal(parseBytes(gbk, { fileName: 'gbk.txt', limits: testLimits }).encoding, 'gb18030');
    assert.deepEqual(titles(gbk), expected);
  });

  it('UTF-16 with and without a byte-order mark', () => {
    const text = utf8.toString('utf8');
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    assert.deepEqual(titles(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), expected);
    assert.deepEqual(titles(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), expected);
    assert.equal(parseBytes(le, { fileName: 'le.txt', limits: testLimits }).encoding, 'utf-16le');
    assert.deepEqual(titles(le), expected);
  });
});

describe('ingesting a directory of bad files', () => {
  it('reports each with its reason and stores nothing from them', async () => {
    const dir = tempDir();
    const db = await openPglite();
    try {
      await migrate(db);
      const big = dir.write('huge.txt', '');
      truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB without writing it
      dir.write('line.txt', `标题\n${'政'.repeat(2_000_000)}`);
      symlinkSync(join(dir.path, 'missing.txt'), join(dir.path, 'dangling.txt'));
      const fifo = spawnSync('mkfifo', [join(dir.path, 'pipe.txt')]).status === 0;
      writeFileSync(join(dir.path, 'latin1.txt'), Buffer.from([0x41, 0xe9, 0x0a, 0x42, 0xff, 0xfe, 0x43]));
      const result = await createIngestService(db, testLimits).ingest([dir.path]);
      const codes = Object.fromEntries(result.outcomes.map((o) => [o.path.split('/').pop(), o.error?.code]));
      assert.deepEqual(codes, {
        'dangling.txt': 'file_unreadable',
        'huge.txt': 'file_too_large',
        'latin1.txt': 'encoding_invalid',
        'line.txt': 'line_too_long',
        ...(fifo ? { 'pipe.txt': 'file_unreadable' } : {}),
      });
      for (const outcome of result.outcomes) assert.ok(outcome.error!.message.includes(outcome.path), outcome.error!.message);
      const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from documents`);
      assert.equal(row!.n, 0);
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
