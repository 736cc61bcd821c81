import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { openPglite } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildSnippet } from '../../src/modules/search/search.snippet.rules.ts';
import { readSearchParams } from '../../src/modules/search/index.ts';
import { createTokenizer, matchQuery, parseQuery } from '../../src/modules/textindex/index.ts';
import { buildVector } from '../../src/modules/textindex/textindex.vector.rules.ts';

const tokenizer = createTokenizer();

describe('query reading', () => {
  it('reads a document number however it is typed', () => {
    for (const typed of ['沪府发〔2017〕17号', '沪府发[2017]17号', '沪府发(2017)17号', '沪府发2017 17号', '沪府发〔2017〕17', '沪府发（2017）17号']) {
      assert.deepEqual(parseQuery(typed, tokenizer).numbers, [{ prefix: '沪府发', year: 2017, serial: 17 }], typed);
    }
    assert.deepEqual(parseQuery('沪府发〔2017〕', tokenizer).numbers, [{ prefix: '沪府发', year: 2017, serial: null }]);
  });

  it('keeps quoted phrases apart from words, and bounds the work', () => {
    const query = parseQuery('“行政协助” 办法', tokenizer);
    assert.deepEqual(query.phrases.map((p) => p.map((t) => t.text).join('')), ['行政协助']);
    assert.deepEqual(query.chunks.map((c) => c.map((t) => t.text).join('')), ['办法']);
    const unknown = parseQuery('托育 服务', tokenizer);
    assert.deepEqual(unknown.chunks.map((c) => c.map((t) => t.text)), [['托育'], ['服务']], 'characters the segmenter cut apart stay one word');
    const long = parseQuery('政务公开'.repeat(2500), tokenizer);
    assert.ok(long.chunks.flat().length <= 24);
  });

  it('turns any input into valid tsquery literals, never syntax from the user', async () => {
    const db = await openPglite();
    try {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: fc.constantFrom(...'&|!():*\'\\"<>-行政协助公开号〔〕2017 \t😀ab'), maxLength: 40 }), async (text) => {
          const match = matchQuery(parseQuery(text, tokenizer));
          if (match !== null) await db.query(sql`select ${match}::tsquery`);
        }),
        { numRuns: 300, seed: 7 },
      );
    } finally {
      await db.close();
    }
  });

  it('matches a quoted phrase only where it stands, and words anywhere', async () => {
    const db = await openPglite();
    try {
      const vector = buildVector(tokenizer, { a: ['上海市行政协助管理办法(试行)'], b: [], c: ['宋依佳同志任上海市人民政府副秘书长。'] });
      const matches = async (q: string) => {
        const match = matchQuery(parseQuery(q, tokenizer));
        const [row] = await db.query<{ m: boolean }>(sql`select ${vector}::tsvector @@ ${match}::tsquery as m`);
        return row!.m;
      };
      assert.equal(await matches('"行政协助管理办法"'), true);
      assert.equal(await matches('"协助管理"'), true, 'part of a word');
      assert.equal(await matches('"行政协助办法"'), false, 'not as written');
      assert.equal(await matches('行政协助 办法'), true, 'words anywhere');
      assert.equal(await matches('"宋依佳"'), true, 'a name the dictionary does not know');
      assert.equal(await matches('"宋佳依"'), false);
      assert.equal(await matches('依佳'), true, 'unknown characters typed together');
      assert.equal(await matches('佳依'), false, 'not each character anywhere');
    } finally {
      await db.close();
    }
  });
});

describe('snippets', () => {
  it('shows the first passage with the words and marks every occurrence', () => {
    const text = `${'前文。'.repeat(40)}本办法由市编办负责解释。市编办应当推进行政协助。`;
    const { snippet, highlights } = buildSnippet(text, ['市编办']);
    assert.ok(snippet.startsWith('…'));
    assert.equal(highlights.length, 2);
    for (const [start, end] of highlights) assert.equal(snippet.slice(start, end), '市编办');
  });
});

describe('search parameters', () => {
  it('clamps pages, refuses impossible filters with a clear error', () => {
    const params = readSearchParams({ q: 'x', page: '99999', pageSize: '5000' }, '2026-01-01');
    assert.deepEqual([params.page, params.pageSize, params.on], [1000, 100, '2026-01-01']);
    assert.equal(readSearchParams({ page: '-4', pageSize: 'abc' }, '2026-01-01').page, 1);
    assert.throws(() => readSearchParams({ year: 'abc' }, '2026-01-01'), /检索条件有误/);
    assert.throws(() => readSearchParams({ validity: '永远有效' }, '2026-01-01'), /检索条件有误/);
    assert.throws(() => readSearchParams({ on: '2021-02-30' }, '2026-01-01'), /检索条件有误/);
    assert.throws(() => readSearchParams({ on: '2021-13-45' }, '2026-01-01'), /检索条件有误/);
  });
});
