import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publishedText } from '../../src/modules/publication/publication.rules.ts';

describe('the text a publication is published as', () => {
  const draft = { title: '关于做好冬季安全工作的通知', signedOn: '2026-11-27', docNumber: '长府办〔2026〕9号', bodyText: '现将有关事项通知如下。', interpretationText: null };

  it('writes the addressees with one colon, whether or not the clerk typed one', () => {
    for (const addressees of ['各街道办事处', '各街道办事处:', '各街道办事处:', ' 各街道办事处:: ']) {
      const lines = publishedText({ ...draft, addressees }).split('\n');
      assert.equal(lines[3], '各街道办事处:', JSON.stringify(addressees));
    }
    assert.ok(!publishedText({ ...draft, addressees: null }).includes(':'));
  });
});
