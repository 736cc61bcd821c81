import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDocNumbers, readDocumentFile } from '../../src/modules/gazette/index.ts';
import { numberLexeme } from '../../src/modules/textindex/textindex.vector.rules.ts';
import { testLimits } from '../support/corpus.ts';

const letter = [
  '國務院辦公廳關於某事項的函',
  '國辦函〔2000〕19號',
  '各省、自治區、直轄市人民政府：',
  '現將有關事項函告如下。',
  '國務院辦公廳',
  '2000年3月1日',
].join('\n');

describe('traditional characters are read and kept as printed (issue 13)', () => {
  it('keeps 國辦函〔2000〕19號 exactly as printed, not half converted', async () => {
    const parsed = await readDocumentFile(Buffer.from(letter), { fileName: 'trad.txt', limits: testLimits });
    const [document] = parsed.documents;
    assert.equal(document?.docNumber, '國辦函〔2000〕19號');
    assert.equal(document?.docNumberPrinted, '國辦函〔2000〕19號');
    assert.equal(document?.title, '國務院辦公廳關於某事項的函');
  });

  it('finds numbers in running traditional text, printed characters kept', () => {
    const found = findDocNumbers('根據《通知》(國辦函〔2000〕19號)辦理。');
    assert.deepEqual(found.map((number) => number.normalised), ['國辦函〔2000〕19號']);
  });

  it('indexes a traditional number under the same lexeme as its simplified form, so a simplified query finds it', () => {
    assert.equal(numberLexeme('國辦函〔2000〕19號'), numberLexeme('国办函〔2000〕19号'));
  });
});
