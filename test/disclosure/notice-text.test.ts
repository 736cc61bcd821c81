import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clause, sentence, writeNotice, type NoticeFacts } from '../../src/modules/disclosure/disclosure.notices.rules.ts';

const facts = (description: string, details: Record<string, unknown> = {}): NoticeFacts => ({
  agencyName: '上海市长宁区人民政府办公室',
  applicantName: '赵六',
  trackingCode: 'ABCD-1234',
  receivedOn: '2024-03-01',
  description,
  step: { action: 'reply', onDate: '2024-03-20', details: { dueOn: '2024-03-29', reason: '需要调取档案。', days: 20, what: '请说明项目所在街道', ...details } },
  replyCategory: 'unable',
  replyReason: 'not_held',
  replyBasis: '《中华人民共和国政府信息公开条例》第三十六条第(四)项。',
});

describe('the punctuation of a notice', () => {
  it('never doubles a full stop after quoted request content that ends with its own', () => {
    for (const kind of ['receipt', 'correction', 'extension', 'fee', 'reply'] as const) {
      const body = writeNotice(kind, facts('2023年旧区改造项目的拆迁补偿情况。')).paragraphs.join('');
      assert.ok(body.includes('申请获取“2023年旧区改造项目的拆迁补偿情况。”'), body);
      assert.doesNotMatch(body, /[。\uff01\uff1f!?][”」』)\uff09]?[。\uff0c,]/, `${kind}: ${body}`);
    }
  });

  it('ends a sentence with exactly one mark, whatever closing punctuation it already has', () => {
    assert.equal(sentence('申请获取“情况”'), '申请获取“情况”。');
    assert.equal(sentence('申请获取“情况。”'), '申请获取“情况。”');
    assert.equal(sentence('申请获取“情况?”'), '申请获取“情况?”');
    assert.equal(sentence('申请获取“情况\uff01”'), '申请获取“情况\uff01”');
    assert.equal(sentence('能否提供……'), '能否提供……');
    assert.equal(sentence('见附件(第2页。)'), '见附件(第2页。)');
    assert.equal(sentence('请补正\uff0c'), '请补正。');
    assert.equal(sentence('请补正;'), '请补正。');
    assert.equal(clause('需要调取档案。'), '需要调取档案');
    assert.equal(clause('需要调取档案\uff0c'), '需要调取档案');
  });

  it('writes the reasons and the legal basis given with their own full stop once', () => {
    const reply = writeNotice('reply', facts('2023年旧区改造项目批复')).paragraphs.join('');
    assert.match(reply, /申请获取“2023年旧区改造项目批复”。经审查/);
    assert.match(reply, /第三十六条第\(四\)项。如对/);
    const extension = writeNotice('extension', facts('批复')).paragraphs.join('');
    assert.match(extension, /因需要调取档案,本机关/);
  });
});
