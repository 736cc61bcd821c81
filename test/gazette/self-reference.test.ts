import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBytes, parseText } from '../../src/modules/gazette/index.ts';
import { publishedText } from '../../src/modules/publication/publication.rules.ts';
import { readSeed, seedStartingWith, testLimits } from '../support/corpus.ts';

/** Issue "What a citizen and a new clerk tripped on", items 2 and 4. */

const plan = {
  title: '上海市某区人民政府办公室关于印发《某区政务公开工作实施方案》的通知',
  docNumber: '某府办发〔2026〕3号',
  signedOn: '2026-11-02',
  addressees: '区政府各委、办、局',
  bodyText: '《某区政务公开工作实施方案》已经区政府同意,现印发给你们,请认真按照执行。\n某区政务公开工作实施方案\n一、总体要求\n按照《中华人民共和国政府信息公开条例》,做好政务公开工作。',
};

describe('an interpretation whose text starts with its own title', () => {
  for (const heading of ['《某区政务公开工作实施方案》解读', '《某区政务公开工作实施方案》政策解读', '关于《某区政务公开工作实施方案》的解读']) {
    it(`is one interpretation, not two (${heading})`, () => {
      const text = publishedText({ ...plan, interpretationText: `${heading}\n一、制定背景\n为做好政务公开工作,起草了本方案。\n二、主要内容\n本方案明确了总体要求。` });
      const { documents } = parseText(text, 'publication-1.txt');
      const interpretations = documents.filter((document) => document.type === '解读');
      assert.equal(interpretations.length, 1, documents.map((document) => document.displayTitle).join(' / '));
      const [interpretation] = interpretations;
      assert.equal(interpretation!.interprets?.docNumber, '某府办发〔2026〕3号');
      assert.match(interpretation!.blocks.map((block) => block.text).join('\n'), /^一、制定背景/);
      assert.ok(!interpretation!.blocks.some((block) => block.text === heading), 'the repeated title is not part of the body');
    });
  }

  it('keeps two interpretations of two different policies apart', () => {
    const text = '《甲办法》政策解读\n一、背景\n甲办法的背景。\n《乙办法》政策解读\n一、背景\n乙办法的背景。\n';
    assert.equal(parseText(text, 'x.txt').documents.length, 2);
  });
});

describe('a notice and the document it issues', () => {
  it('does not cite the plan it issues, nor itself; it still cites the regulation it names', () => {
    const [notice] = parseText(publishedText({ ...plan, interpretationText: null }), 'publication-2.txt').documents;
    assert.equal(notice!.attachment, '某区政务公开工作实施方案');
    assert.deepEqual(notice!.cites.map((cite) => cite.title), ['中华人民共和国政府信息公开条例']);
  });

  it('does not cite the plan a bare "关于X的通知" issues', () => {
    const text = '上海市某区人民政府办公室关于某区数据开放工作方案的通知\n(2026年11月2日)\n某府办发〔2026〕4号\n各部门:\n现将《某区数据开放工作方案》印发给你们。\n';
    const [notice] = parseText(text, 'x.txt').documents;
    assert.deepEqual(notice!.cites, []);
  });

  it('no notice in the seed gazettes cites what it issues', () => {
    const key = (text: string) => text.replace(/[《》〈〉]/g, '');
    for (const prefix of ['000', '001', '003', '004']) {
      const name = seedStartingWith(prefix);
      for (const document of parseBytes(readSeed(name), { fileName: name, limits: testLimits }).documents) {
        if (!document.attachment) continue;
        const self = document.cites.filter((cite) => cite.docNumber === null && cite.title !== null && key(cite.title) === key(document.attachment!));
        assert.deepEqual(self, [], document.displayTitle);
      }
    }
  });
});
